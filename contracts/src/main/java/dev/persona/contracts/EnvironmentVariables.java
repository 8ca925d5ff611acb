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
    /** Comma-separated browser origins allowed by CORS on every API response. */
    public static final String ALLOWED_ORIGINS = "ALLOWED_ORIGINS";
    /** Lifetime of presigned upload URLs in seconds. Default 900. */
    public static final String PRESIGNED_URL_TTL_SECONDS = "PRESIGNED_URL_TTL_SECONDS";
    /** Comma-separated Google OAuth client ids accepted as the audience of Google ID tokens. */
    public static final String GOOGLE_CLIENT_IDS = "GOOGLE_CLIENT_IDS";
    /** Cognito user pool id; its issuer is {@code https://cognito-idp.{region}.amazonaws.com/{poolId}}. */
    public static final String COGNITO_USER_POOL_ID = "COGNITO_USER_POOL_ID";
    /** Comma-separated Cognito app client ids accepted for ID ({@code aud}) and access ({@code client_id}) tokens. */
    public static final String COGNITO_APP_CLIENT_IDS = "COGNITO_APP_CLIENT_IDS";
    /** Issuer URL of the local development identity issuer; set only by the local runtime. */
    public static final String DEV_ISSUER_URL = "DEV_ISSUER_URL";
    /** Comma-separated audiences accepted from the development issuer. */
    public static final String DEV_ISSUER_AUDIENCES = "DEV_ISSUER_AUDIENCES";
    /** Comma-separated JWS algorithms accepted by the authorizer. Default RS256. */
    public static final String ALLOWED_JWT_ALGORITHMS = "ALLOWED_JWT_ALGORITHMS";
    /** Role the credential vendor assumes to mint upload credentials. */
    public static final String UPLOADER_ROLE_ARN = "UPLOADER_ROLE_ARN";
    /** Lifetime of vended upload credentials in seconds. Default 900. */
    public static final String CREDENTIALS_DURATION_SECONDS = "CREDENTIALS_DURATION_SECONDS";
    /** Service name written into every structured log line. */
    public static final String SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    /** Minimum log level: DEBUG, INFO, WARN or ERROR. */
    public static final String LOG_LEVEL = "LOG_LEVEL";

    private EnvironmentVariables() {
    }
}
