package dev.persona.api;

import java.util.stream.Stream;

import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.JobStatus;
import dev.persona.contracts.StorageLayout;

/**
 * A job as the API shows it to its owner: status (with the running step), timestamps, record counts,
 * the user-safe failure and, once built, a link to the persona.
 */
public record JobView(
        String jobId,
        JobStatus status,
        String step,
        String filename,
        String contentType,
        Long declaredSizeBytes,
        Long uploadedSizeBytes,
        String detectedFormat,
        String createdAt,
        String updatedAt,
        String queuedAt,
        String finishedAt,
        Counts counts,
        Failure error,
        PersonaLink persona,
        Links links) {

    /** What the pipeline counted so far; absent until preprocessing finished. */
    public record Counts(Long recordsRead, Long recordsKept, Long recordsRejected, Long duplicatesRemoved,
            Long recordsCategorized) {
    }

    /** Why the job failed, in words written for the user by the pipeline. */
    public record Failure(String code, String message) {
    }

    public record PersonaLink(String href, String archetype) {
    }

    public record Links(String self) {
    }

    public static JobView of(Job job) {
        Counts counts = Stream.of(job.recordsRead(), job.recordsKept(), job.recordsRejected(),
                job.duplicatesRemoved(), job.recordsCategorized()).allMatch(java.util.Objects::isNull) ? null
                : new Counts(job.recordsRead(), job.recordsKept(), job.recordsRejected(), job.duplicatesRemoved(),
                        job.recordsCategorized());
        Failure failure = job.status() == JobStatus.FAILED ? new Failure(job.errorCode(), job.errorMessage()) : null;
        PersonaLink persona = job.status() == JobStatus.SUCCEEDED
                ? new PersonaLink(ApiRoutes.PREFIX + "/personas/" + job.jobId(), job.archetype()) : null;
        return new JobView(job.jobId(), job.status(), job.status() == JobStatus.RUNNING ? job.step() : null,
                filename(job), job.contentType(), job.declaredSizeBytes(), job.objectSize(), job.detectedFormat(),
                job.createdAt(), job.updatedAt(), job.queuedAt(), job.finishedAt(), counts, failure, persona,
                new Links(ApiRoutes.PREFIX + "/jobs/" + job.jobId()));
    }

    /** Uploads made with vended credentials have no API-written item: the name is in the key. */
    private static String filename(Job job) {
        if (job.filename() != null) {
            return job.filename();
        }
        return StorageLayout.parseUploadKey(job.objectKey()).map(StorageLayout.UploadKey::filename).orElse(null);
    }
}
