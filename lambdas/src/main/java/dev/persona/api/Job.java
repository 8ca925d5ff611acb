package dev.persona.api;

import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.JobStatus;

/**
 * A job item as stored in the jobs table ({@link JobAttributes}); written first by the API
 * (AWAITING_UPLOAD), then only by the state machine. Fields the current status does not have are null.
 */
public record Job(
        String userId,
        String jobId,
        JobStatus status,
        String step,
        String createdAt,
        String updatedAt,
        String queuedAt,
        String finishedAt,
        String filename,
        String contentType,
        Long declaredSizeBytes,
        String objectKey,
        Long objectSize,
        String detectedFormat,
        Long recordsRead,
        Long recordsKept,
        Long recordsRejected,
        Long duplicatesRemoved,
        Long recordsCategorized,
        String personaKey,
        String archetype,
        String errorCode,
        String errorMessage,
        Long expiresAt) {

    /** The item the API writes when it hands out an upload. */
    public static Job awaitingUpload(String userId, String jobId, String now, String filename, String contentType,
            long declaredSizeBytes, String objectKey, long expiresAt) {
        return new Job(userId, jobId, JobStatus.AWAITING_UPLOAD, null, now, now, null, null, filename, contentType,
                declaredSizeBytes, objectKey, null, null, null, null, null, null, null, null, null, null, null,
                expiresAt);
    }
}
