package dev.persona.contracts;

/**
 * The EventBridge rule that starts the pipeline: S3 "Object Created" events of the uploads bucket whose
 * key starts with {@link StorageLayout#UPLOADS_PREFIX}, delivered as the whole event to the state machine.
 * The CDK rule and the local event bridge both read these values, so the local runtime matches exactly
 * the events the deployed rule matches and retries them as often.
 */
public final class UploadEvents {

    /** The event's {@code source}: events S3 sends to EventBridge. */
    public static final String SOURCE = "aws.s3";
    /** The event's {@code detail-type} for every new object (PUT, POST, copy, completed multipart upload). */
    public static final String DETAIL_TYPE = "Object Created";
    /** Only keys with this prefix ({@code detail.object.key}) are uploads. */
    public static final String KEY_PREFIX = StorageLayout.UPLOADS_PREFIX;
    /** How often the rule's target retries delivering an event before it goes to the dead-letter queue. */
    public static final int RETRY_ATTEMPTS = 8;
    /** How long, in seconds, the rule keeps retrying one event. */
    public static final long MAX_EVENT_AGE_SECONDS = 4 * 3600;

    private UploadEvents() {
    }
}
