package dev.persona.api;

import java.util.List;
import java.util.Optional;

/** The jobs table, always within one user's partition. */
public interface JobRepository {

    /** Writes a new job; fails if the job id is already taken. */
    void create(Job job);

    /** The job, read strongly consistently (a poll must see the latest status). */
    Optional<Job> find(String userId, String jobId);

    /** One page of the user's jobs, newest first, starting after {@code after} (null: from the newest). */
    Page list(String userId, int limit, JobCursor after);

    /** Deletes every job of the user; returns how many there were. */
    int deleteAll(String userId);

    /** A page of jobs and where the next one starts, if there may be one. */
    record Page(List<Job> jobs, Optional<JobCursor> next) {

        public Page {
            jobs = List.copyOf(jobs);
        }
    }
}
