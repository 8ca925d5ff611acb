package dev.persona.contracts;

/**
 * Names of the environment variables the handlers read. The CDK app sets them on each function and
 * the local runtime passes the same values to the handlers it runs in-process.
 */
public final class EnvironmentVariables {

    /** Bucket holding {@code uploads/}, {@code processed/} and {@code personas/}. */
    public static final String UPLOADS_BUCKET = "UPLOADS_BUCKET";
    /** Name of the jobs table ({@link Tables#JOBS}). */
    public static final String JOBS_TABLE = "JOBS_TABLE";
    /** Name of the personas table ({@link Tables#PERSONAS}). */
    public static final String PERSONAS_TABLE = "PERSONAS_TABLE";
    /** Largest accepted upload in bytes, before and after decompression. Default 1 GiB. */
    public static final String MAX_UPLOAD_BYTES = "MAX_UPLOAD_BYTES";
    /** Share of invalid records (0..1) above which preprocessing fails with {@code TooManyInvalidRecords}. */
    public static final String MAX_INVALID_RECORD_RATIO = "MAX_INVALID_RECORD_RATIO";
    /** {@code true} to address S3 path-style, as S3-compatible local servers need. */
    public static final String S3_FORCE_PATH_STYLE = "S3_FORCE_PATH_STYLE";
    /** Service name written into every structured log line. */
    public static final String SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    /** Minimum log level: DEBUG, INFO, WARN or ERROR. */
    public static final String LOG_LEVEL = "LOG_LEVEL";

    private EnvironmentVariables() {
    }
}
