package dev.persona.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.persona.contracts.OperationalMetrics;
import dev.persona.metrics.BusinessMetrics;

/** The payloads the state machine sends the pipeline's steps, and what they send back. */
public final class StepRequests {

    private StepRequests() {
    }

    /**
     * The uploaded object as the EventBridge "Object Created" event describes it.
     *
     * @param key       object key
     * @param size      bytes
     * @param eTag      ETag at creation
     * @param versionId version id, when the bucket is versioned
     */
    public record UploadedObject(String key, Long size, @JsonProperty("etag") String eTag,
                                 @JsonProperty("version-id") String versionId) {
    }

    public record PreprocessRequest(String userId, String jobId, String bucket, UploadedObject object)
            implements StepInvocation.StepRequest {
    }

    public record CategorizeRequest(String userId, String jobId, String bucket, String activitiesKey)
            implements StepInvocation.StepRequest {
    }

    /**
     * @param categoryCounts activities per category display name
     */
    public record CategorizeResult(String categorizedKey, long recordsCategorized,
                                   java.util.Map<String, Long> categoryCounts) implements StepMetrics {

        @Override
        public void write(BusinessMetrics metrics, java.util.Map<String, String> step) {
            StepMetrics.records(metrics, step, recordsCategorized, recordsCategorized, 0);
        }
    }

    /**
     * @param executionArn the execution that owns the job: the persona is recorded only while it still does
     */
    public record BuildPersonaRequest(String userId, String jobId, String bucket, String categorizedKey,
                                      String reportKey, String executionArn) implements StepInvocation.StepRequest {
    }

    /**
     * What the clean-up step is asked to look at: a job, and the upload whose event could not claim it (absent
     * when a run lost its job).
     */
    public record DiscardRequest(String userId, String jobId, String bucket, UploadedObject object)
            implements StepInvocation.StepRequest {
    }

    /**
     * @param outcome        what was found ({@link dev.persona.pipeline.discard.DiscardOutcome})
     * @param objectsDeleted object versions deleted
     */
    public record DiscardResult(String outcome, long objectsDeleted) {
    }

    public record BuildPersonaResult(String personaKey, String archetype, long recordsUsed) implements StepMetrics {

        @Override
        public void write(BusinessMetrics metrics, java.util.Map<String, String> step) {
            StepMetrics.records(metrics, step, recordsUsed, recordsUsed, 0);
        }
    }

    /**
     * The state machine keeps the first seven members (its ResultSelector); the others are for the step's metrics.
     *
     * @param bytesRead        bytes read, after decompression
     * @param source           the family of the format most records came in (takeout, chrome, spotify, netflix,
     *                         generic)
     * @param rejectedByReason rejected records per reason
     */
    public record PreprocessResult(String activitiesKey, String reportKey, String format, long recordsRead,
                                   long recordsKept, long recordsRejected, long duplicatesRemoved, long bytesRead,
                                   String source, java.util.Map<String, Long> rejectedByReason) implements StepMetrics {

        @Override
        public void write(BusinessMetrics metrics, java.util.Map<String, String> step) {
            StepMetrics.records(metrics, step, recordsRead, recordsKept, recordsRejected);
            metrics.bytes(OperationalMetrics.BYTES_IN, bytesRead, step);
            metrics.count(OperationalMetrics.UPLOADS_RECOGNIZED, 1,
                    java.util.Map.of(OperationalMetrics.FORMAT, format, OperationalMetrics.SOURCE, source));
            rejectedByReason.forEach((reason, count) -> metrics.count(OperationalMetrics.RECORDS_REJECTED, count,
                    java.util.Map.of(OperationalMetrics.STEP, step.get(OperationalMetrics.STEP),
                            OperationalMetrics.REASON, reason)));
        }
    }
}
