package dev.persona.api;

import java.util.List;
import java.util.Optional;

import dev.persona.contracts.StorageLayout;
import dev.persona.http.ApiException;
import dev.persona.http.ErrorCode;
import dev.persona.items.Listings;

/** Job status for its owner: one job, or the newest first a page at a time. */
public final class JobService {

    private final JobRepository jobs;

    public JobService(JobRepository jobs) {
        this.jobs = jobs;
    }

    /** The caller's job; another user's job, or an id that cannot exist, is simply not found. */
    public JobView get(String userId, String jobId) {
        if (!StorageLayout.isValidId(jobId)) {
            throw notFound();
        }
        return jobs.find(userId, jobId).map(JobView::of).orElseThrow(JobService::notFound);
    }

    public JobList list(String userId, Optional<String> limit, Optional<String> cursor) {
        int pageSize = Listings.limit(limit);
        JobCursor after = cursor.map(encoded -> JobCursor.decode(encoded, userId)).orElse(null);
        JobRepository.Page page = jobs.list(userId, pageSize, after);
        return new JobList(page.jobs().stream().map(JobView::of).toList(),
                page.next().map(JobCursor::encode).orElse(null));
    }

    /** A page of jobs; {@code nextCursor} is absent on the last page. */
    public record JobList(List<JobView> items, String nextCursor) {
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such job.");
    }
}
