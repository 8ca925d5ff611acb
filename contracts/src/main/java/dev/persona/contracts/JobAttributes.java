package dev.persona.contracts;

/**
 * Attribute names of a job item. The API writes the first version of an item (AWAITING_UPLOAD); the
 * state machine writes every later status through DynamoDB integrations, so these names also appear
 * literally in {@code statemachines/persona-pipeline.asl.json} (a test checks they agree).
 */
public final class JobAttributes {

    public static final String USER_ID = "userId";
    /** Equals the upload id: the API hands it out before the object exists. */
    public static final String JOB_ID = "jobId";
    /** A {@link JobStatus} name. */
    public static final String STATUS = "status";
    /** A {@link PipelineStep} wire name while RUNNING. */
    public static final String STEP = "step";
    /** ISO-8601 instants. */
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String QUEUED_AT = "queuedAt";
    public static final String FINISHED_AT = "finishedAt";
    /** What the client announced when asking for the upload. */
    public static final String FILENAME = "filename";
    public static final String CONTENT_TYPE = "contentType";
    public static final String DECLARED_SIZE_BYTES = "declaredSizeBytes";
    /** The object that started the pipeline. */
    public static final String OBJECT_KEY = "objectKey";
    public static final String OBJECT_ETAG = "objectETag";
    public static final String OBJECT_SIZE = "objectSize";
    /** The version of the object the job was claimed with: every later version of its key is discarded. */
    public static final String OBJECT_VERSION_ID = "objectVersionId";
    /** The execution that owns the job; status writes of any other execution are refused. */
    public static final String EXECUTION_ARN = "executionArn";
    /** Counts reported by the steps. */
    public static final String RECORDS_READ = "recordsRead";
    public static final String RECORDS_KEPT = "recordsKept";
    public static final String RECORDS_REJECTED = "recordsRejected";
    public static final String DUPLICATES_REMOVED = "duplicatesRemoved";
    public static final String DETECTED_FORMAT = "detectedFormat";
    public static final String RECORDS_CATEGORIZED = "recordsCategorized";
    /** Outcome. */
    public static final String PERSONA_KEY = "personaKey";
    public static final String ARCHETYPE = "archetype";
    public static final String ERROR_CODE = "errorCode";
    public static final String ERROR_MESSAGE = "errorMessage";
    /** TTL (epoch seconds) on uploads that never arrived. */
    public static final String EXPIRES_AT = "expiresAt";

    private JobAttributes() {
    }
}
