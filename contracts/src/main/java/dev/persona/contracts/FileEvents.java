package dev.persona.contracts;

/**
 * The EventBridge rule that keeps file metadata current: S3 "Object Created" events of the uploads bucket whose key
 * starts with {@link StorageLayout#FILES_PREFIX}, delivered to the file-events function. The CDK rule and the local
 * event bridge read these values, so the local runtime matches exactly the events the deployed rule matches.
 */
public final class FileEvents {

    public static final String SOURCE = UploadEvents.SOURCE;
    public static final String DETAIL_TYPE = UploadEvents.DETAIL_TYPE;
    public static final String KEY_PREFIX = StorageLayout.FILES_PREFIX;
    /** How often the rule's target retries delivering an event before it goes to the dead-letter queue. */
    public static final int RETRY_ATTEMPTS = UploadEvents.RETRY_ATTEMPTS;
    /** How long, in seconds, the rule keeps retrying one event. */
    public static final long MAX_EVENT_AGE_SECONDS = UploadEvents.MAX_EVENT_AGE_SECONDS;

    private FileEvents() {
    }
}
