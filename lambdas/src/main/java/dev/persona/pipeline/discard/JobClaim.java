package dev.persona.pipeline.discard;

import dev.persona.contracts.JobStatus;

/**
 * What the clean-up step needs of a job item.
 *
 * @param objectKey       the key the job awaits (declared at registration) or claimed
 * @param objectVersionId the version of it the pipeline claimed; null before the claim, or when not versioned
 */
public record JobClaim(JobStatus status, String objectKey, String objectVersionId) {

    /** True when this upload is the very object version the job was claimed with. */
    boolean claimed(String key, String versionId) {
        return status != JobStatus.AWAITING_UPLOAD && key.equals(objectKey)
                && java.util.Objects.equals(versionId, objectVersionId);
    }
}
