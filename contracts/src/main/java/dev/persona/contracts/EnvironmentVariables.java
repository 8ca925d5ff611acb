package dev.persona.contracts;

/**
 * Names of the environment variables the functions get. The CDK app sets them on each function and the local
 * runtime passes the same ones to the handlers it runs in-process: every function gets exactly the variables its
 * {@link FunctionDefinition} lists, with the same values wherever they are {@link #SETTINGS} rather than names of
 * resources or of the identity providers a stage trusts.
 */
public final class EnvironmentVariables {

    /** Bucket holding {@code uploads/}, {@code processed/} and {@code personas/}. */
    public static final String UPLOADS_BUCKET = "UPLOADS_BUCKET";
    /** Name of the jobs table ({@link Tables#JOBS}). */
    public static final String JOBS_TABLE = "JOBS_TABLE";
    /** Name of the personas table ({@link Tables#PERSONAS}). */
    public static final String PERSONAS_TABLE = "PERSONAS_TABLE";
    /** Name of the accounts table ({@link Tables#ACCOUNTS}): profiles and usage. */
    public static final String ACCOUNTS_TABLE = "ACCOUNTS_TABLE";
    /** Name of the notes table ({@link Tables#NOTES}). */
    public static final String NOTES_TABLE = "NOTES_TABLE";
    /** Name of the bookmarks table ({@link Tables#BOOKMARKS}). */
    public static final String BOOKMARKS_TABLE = "BOOKMARKS_TABLE";
    /** Name of the files table ({@link Tables#FILES}). */
    public static final String FILES_TABLE = "FILES_TABLE";
    /** Most files one user may keep ({@link FileQuotas}). */
    public static final String FILE_QUOTA_FILES = "FILE_QUOTA_FILES";
    /** Most bytes one user's files may hold together. */
    public static final String FILE_QUOTA_BYTES = "FILE_QUOTA_BYTES";
    /** Most files one user may register in a calendar month (UTC). */
    public static final String FILE_QUOTA_UPLOADS_PER_MONTH = "FILE_QUOTA_UPLOADS_PER_MONTH";
    /** Base URL of the download distribution ({@code https://d111.cloudfront.net}); signed URLs start with it. */
    public static final String DOWNLOAD_BASE_URL = "DOWNLOAD_BASE_URL";
    /** Lifetime of signed download URLs in seconds ({@link FunctionSettings#DOWNLOAD_URL_TTL_SECONDS}). */
    public static final String DOWNLOAD_URL_TTL_SECONDS = "DOWNLOAD_URL_TTL_SECONDS";
    /** ARN of the Secrets Manager secret holding the download signing key. */
    public static final String SIGNING_KEY_SECRET_ARN = "SIGNING_KEY_SECRET_ARN";
    /** How long a function uses the signing key it read before reading the secret again, in seconds. */
    public static final String SIGNING_KEY_REFRESH_SECONDS = "SIGNING_KEY_REFRESH_SECONDS";
    /** Id of the CloudFront key group that trusts the signing keys (the rotation function updates it). */
    public static final String DOWNLOAD_KEY_GROUP_ID = "DOWNLOAD_KEY_GROUP_ID";
    /** Largest accepted upload in bytes, before and after decompression. Default 1 GiB. */
    public static final String MAX_UPLOAD_BYTES = "MAX_UPLOAD_BYTES";
    /** Share of invalid records (0..1) above which preprocessing fails with {@code TooManyInvalidRecords}. */
    public static final String MAX_INVALID_RECORD_RATIO = "MAX_INVALID_RECORD_RATIO";
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
    /** Issuer URL of the local development identity issuer; empty in the cloud, where no such issuer is trusted. */
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
    /** CloudWatch namespace of the business metrics ({@link OperationalMetrics#NAMESPACE}), as Powertools names it. */
    public static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    /** Minimum log level: DEBUG, INFO, WARN or ERROR. */
    public static final String LOG_LEVEL = "LOG_LEVEL";
    /** JVM options the Lambda Java runtime adds ({@link FunctionSettings#PIPELINE_JVM_OPTIONS}). */
    public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    /**
     * The variables whose values are settings, equal in the cloud and locally; the others name resources (a bucket,
     * a table, a role) or the identity providers a stage trusts, and differ by design.
     */
    public static final java.util.Set<String> SETTINGS = java.util.Set.of(MAX_UPLOAD_BYTES, MAX_INVALID_RECORD_RATIO,
            PRESIGNED_URL_TTL_SECONDS, ALLOWED_JWT_ALGORITHMS, CREDENTIALS_DURATION_SECONDS, SERVICE_NAME,
            METRICS_NAMESPACE, LOG_LEVEL,
            JAVA_TOOL_OPTIONS, FILE_QUOTA_FILES, FILE_QUOTA_BYTES, FILE_QUOTA_UPLOADS_PER_MONTH,
            DOWNLOAD_URL_TTL_SECONDS, SIGNING_KEY_REFRESH_SECONDS);

    private EnvironmentVariables() {
    }
}
