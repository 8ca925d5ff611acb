package dev.persona.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.persona.contracts.StorageLayout;
import dev.persona.logging.StructuredLogger;

/**
 * Registers an upload: a job in state AWAITING_UPLOAD (written before any URL is handed out, so every
 * upload the pipeline sees has its job), then a presigned PUT and POST for its one object key. The job
 * expires through the table's TTL when the upload never arrives: the pipeline removes the expiry when it
 * claims the job.
 */
public final class UploadService {

    private static final StructuredLogger LOG = StructuredLogger.of(UploadService.class);

    /** How long an unused upload's job stays listed after its URLs expired. */
    static final Duration ABANDONED_JOB_RETENTION = Duration.ofDays(1);

    private final JobRepository jobs;
    private final UploadPresigner presigner;
    private final UploadIds uploadIds;
    private final Clock clock;
    private final Duration urlLifetime;

    public UploadService(JobRepository jobs, UploadPresigner presigner, Clock clock, Duration urlLifetime) {
        this.jobs = jobs;
        this.presigner = presigner;
        this.uploadIds = new UploadIds(clock);
        this.clock = clock;
        this.urlLifetime = urlLifetime;
    }

    public CreatedUpload create(String userId, CreateUploadRequest request) {
        String uploadId = uploadIds.next();
        String filename = FilenameSanitizer.sanitize(request.filename());
        String key = StorageLayout.uploadKey(userId, uploadId, filename);
        Instant now = clock.instant();
        jobs.create(Job.awaitingUpload(userId, uploadId, Timestamps.format(now), filename, request.contentType(),
                request.sizeBytes(), key, now.plus(urlLifetime).plus(ABANDONED_JOB_RETENTION).getEpochSecond()));
        // The job id ties this request's log lines to the execution and every step that works for it.
        LOG.info("Upload registered", "jobId", uploadId, "sizeBytes", request.sizeBytes());
        UploadPresigner.UploadTarget target = new UploadPresigner.UploadTarget(key, request.contentType(),
                request.sizeBytes(), request.timezone(), request.viewingProfile());
        return new CreatedUpload(uploadId, uploadId, key, presigner.presignPut(target, urlLifetime),
                presigner.presignPost(target, urlLifetime));
    }

    /** The response body of {@code POST /v1/uploads}: the upload id is also the job id to poll. */
    public record CreatedUpload(String uploadId, String jobId, String key, UploadPresigner.PresignedPut put,
            UploadPresigner.PresignedPost post) {
    }
}
