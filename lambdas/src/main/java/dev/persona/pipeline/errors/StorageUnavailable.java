package dev.persona.pipeline.errors;

/**
 * S3 or DynamoDB failed in a way that may pass (throttling, 5xx, a dropped connection) even after the
 * SDK's own retries. The state machine retries the step with backoff.
 */
public final class StorageUnavailable extends PipelineException {

    public StorageUnavailable(Throwable cause) {
        super("Storage was temporarily unavailable.", cause);
    }
}
