package dev.persona.pipeline.discard;

import java.util.Optional;

/** The jobs table, as the clean-up step reads it. */
public interface JobClaims {

    /** The job, read strongly consistently; empty when there is none. */
    Optional<JobClaim> find(String userId, String jobId);
}
