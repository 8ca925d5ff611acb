package dev.persona.contracts;

/**
 * How the files table's stream feeds the file-stream function, as a Lambda event source mapping: the CDK app
 * configures the deployed mapping with these values and the local runtime's poller reads the stream of DynamoDB
 * Local with the same ones.
 */
public final class FileStreamMapping {

    /** Records per invocation, at most. */
    public static final int BATCH_SIZE = 100;
    /** How long the mapping gathers records before invoking with fewer than a full batch. */
    public static final int MAX_BATCHING_WINDOW_SECONDS = 1;
    /**
     * How often a batch is retried after the function failed on it (from its first failed record, as the function
     * reports with {@code batchItemFailures}); then the records go to the on-failure destination.
     */
    public static final int MAX_RETRY_ATTEMPTS = 5;
    /** A failing batch is split in two before it is retried, to isolate the failing record. */
    public static final boolean BISECT_BATCH_ON_ERROR = true;
    /** Records older than this are not retried any longer. */
    public static final int MAX_RECORD_AGE_SECONDS = 6 * 3600;
    /** The mapping starts at the oldest record the stream keeps. */
    public static final String STARTING_POSITION = "TRIM_HORIZON";

    private FileStreamMapping() {
    }
}
