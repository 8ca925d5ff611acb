package dev.persona.contracts;

import java.util.List;

import static dev.persona.contracts.EnvironmentVariables.ACCOUNTS_TABLE;
import static dev.persona.contracts.EnvironmentVariables.ALLOWED_JWT_ALGORITHMS;
import static dev.persona.contracts.EnvironmentVariables.ALLOWED_ORIGINS;
import static dev.persona.contracts.EnvironmentVariables.BOOKMARKS_TABLE;
import static dev.persona.contracts.EnvironmentVariables.COGNITO_APP_CLIENT_IDS;
import static dev.persona.contracts.EnvironmentVariables.COGNITO_USER_POOL_ID;
import static dev.persona.contracts.EnvironmentVariables.CREDENTIALS_DURATION_SECONDS;
import static dev.persona.contracts.EnvironmentVariables.DEV_ISSUER_AUDIENCES;
import static dev.persona.contracts.EnvironmentVariables.DEV_ISSUER_URL;
import static dev.persona.contracts.EnvironmentVariables.DOWNLOAD_BASE_URL;
import static dev.persona.contracts.EnvironmentVariables.DOWNLOAD_KEY_GROUP_ID;
import static dev.persona.contracts.EnvironmentVariables.DOWNLOAD_URL_TTL_SECONDS;
import static dev.persona.contracts.EnvironmentVariables.FILES_TABLE;
import static dev.persona.contracts.EnvironmentVariables.FILE_QUOTA_BYTES;
import static dev.persona.contracts.EnvironmentVariables.FILE_QUOTA_FILES;
import static dev.persona.contracts.EnvironmentVariables.FILE_QUOTA_UPLOADS_PER_MONTH;
import static dev.persona.contracts.EnvironmentVariables.SIGNING_KEY_REFRESH_SECONDS;
import static dev.persona.contracts.EnvironmentVariables.SIGNING_KEY_SECRET_ARN;
import static dev.persona.contracts.EnvironmentVariables.GOOGLE_CLIENT_IDS;
import static dev.persona.contracts.EnvironmentVariables.JAVA_TOOL_OPTIONS;
import static dev.persona.contracts.EnvironmentVariables.JOBS_TABLE;
import static dev.persona.contracts.EnvironmentVariables.LOG_LEVEL;
import static dev.persona.contracts.EnvironmentVariables.MAX_INVALID_RECORD_RATIO;
import static dev.persona.contracts.EnvironmentVariables.MAX_UPLOAD_BYTES;
import static dev.persona.contracts.EnvironmentVariables.METRICS_NAMESPACE;
import static dev.persona.contracts.EnvironmentVariables.NOTES_TABLE;
import static dev.persona.contracts.EnvironmentVariables.PERSONAS_TABLE;
import static dev.persona.contracts.EnvironmentVariables.PRESIGNED_URL_TTL_SECONDS;
import static dev.persona.contracts.EnvironmentVariables.SERVICE_NAME;
import static dev.persona.contracts.EnvironmentVariables.UPLOADER_ROLE_ARN;
import static dev.persona.contracts.EnvironmentVariables.UPLOADS_BUCKET;

/** The project's functions. Ids are also the local function names ({@code ./persona-local invoke ID}). */
public final class LambdaFunctions {

    /**
     * The alias every caller (API Gateway, the state machine) invokes a function through; locally the
     * alias ARN {@code arn:aws:lambda:{region}:{account}:function:{id}:live} names the registered handler.
     */
    public static final String ALIAS_NAME = "live";

    public static final FunctionDefinition PREPROCESS = new FunctionDefinition(
            "preprocess",
            "dev.persona.pipeline.preprocess.PreprocessHandler::handleRequest",
            "Pipeline step 1: parses, validates, normalizes, deduplicates and redacts an upload (and the user's "
                    + "bookmarks, when their profile allows)",
            List.of(UPLOADS_BUCKET, ACCOUNTS_TABLE, BOOKMARKS_TABLE, MAX_UPLOAD_BYTES, MAX_INVALID_RECORD_RATIO,
                    SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL, JAVA_TOOL_OPTIONS));

    public static final FunctionDefinition CATEGORIZE = new FunctionDefinition(
            "categorize",
            "dev.persona.pipeline.categorize.CategorizeHandler::handleRequest",
            "Pipeline step 2: assigns each activity an interest category",
            List.of(UPLOADS_BUCKET, SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL, JAVA_TOOL_OPTIONS));

    public static final FunctionDefinition BUILD_PERSONA = new FunctionDefinition(
            "build-persona",
            "dev.persona.pipeline.persona.BuildPersonaHandler::handleRequest",
            "Pipeline step 3: aggregates categorized activities into a persona",
            List.of(UPLOADS_BUCKET, JOBS_TABLE, PERSONAS_TABLE,
                    SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL, JAVA_TOOL_OPTIONS));

    public static final FunctionDefinition DISCARD = new FunctionDefinition(
            "discard",
            "dev.persona.pipeline.discard.DiscardHandler::handleRequest",
            "Pipeline clean-up: removes an upload no job claims, and everything stored for a job that no longer exists",
            List.of(UPLOADS_BUCKET, JOBS_TABLE, PERSONAS_TABLE, SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition AUTHORIZER = new FunctionDefinition(
            "google-jwt-authorizer",
            "dev.persona.auth.GoogleJwtAuthorizerHandler::handleRequest",
            "API Gateway REQUEST authorizer: validates Google, Cognito (and local dev) JWTs",
            List.of(GOOGLE_CLIENT_IDS, COGNITO_USER_POOL_ID, COGNITO_APP_CLIENT_IDS, DEV_ISSUER_URL,
                    DEV_ISSUER_AUDIENCES, ALLOWED_JWT_ALGORITHMS, ALLOWED_ORIGINS,
                    SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition GET_AWS_CREDENTIALS = new FunctionDefinition(
            "get-aws-credentials",
            "dev.persona.auth.GetAwsCredentialsHandler::handleRequest",
            "Vends short-lived STS credentials that can only upload into the caller's own prefix",
            List.of(UPLOADS_BUCKET, UPLOADER_ROLE_ARN, CREDENTIALS_DURATION_SECONDS, ALLOWED_ORIGINS,
                    SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition UPLOADS = new FunctionDefinition(
            "uploads",
            "dev.persona.api.UploadsHandler::handleRequest",
            "POST /v1/uploads: registers a job and hands out presigned PUT and POST uploads",
            List.of(UPLOADS_BUCKET, JOBS_TABLE, MAX_UPLOAD_BYTES, PRESIGNED_URL_TTL_SECONDS, ALLOWED_ORIGINS,
                    SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition JOBS = new FunctionDefinition(
            "jobs",
            "dev.persona.api.JobsHandler::handleRequest",
            "GET /v1/jobs and /v1/jobs/{jobId}: job status for polling",
            List.of(JOBS_TABLE, ALLOWED_ORIGINS, SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition PERSONAS = new FunctionDefinition(
            "personas",
            "dev.persona.api.PersonasHandler::handleRequest",
            "GET /v1/personas/latest, /v1/personas/{jobId} and its download link: persona documents",
            List.of(UPLOADS_BUCKET, PERSONAS_TABLE, DOWNLOAD_BASE_URL, DOWNLOAD_URL_TTL_SECONDS,
                    SIGNING_KEY_SECRET_ARN, SIGNING_KEY_REFRESH_SECONDS, ALLOWED_ORIGINS,
                    SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition DELETE_MY_DATA = new FunctionDefinition(
            "delete-my-data",
            "dev.persona.api.DeleteMyDataHandler::handleRequest",
            "DELETE /v1/me/data: deletes every upload, file, persona and job of the caller",
            List.of(UPLOADS_BUCKET, JOBS_TABLE, PERSONAS_TABLE, ACCOUNTS_TABLE, NOTES_TABLE, BOOKMARKS_TABLE,
                    FILES_TABLE, ALLOWED_ORIGINS, SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition PROFILE = new FunctionDefinition(
            "profile",
            "dev.persona.api.ProfileHandler::handleRequest",
            "GET and PATCH /v1/me: the caller's profile, created on first use from the token's claims",
            List.of(ACCOUNTS_TABLE, ALLOWED_ORIGINS, SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition NOTES = new FunctionDefinition(
            "notes",
            "dev.persona.api.NotesHandler::handleRequest",
            "/v1/notes: Markdown notes with tags, listed newest first or by tag, written with If-Match",
            List.of(NOTES_TABLE, ALLOWED_ORIGINS, SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition BOOKMARKS = new FunctionDefinition(
            "bookmarks",
            "dev.persona.api.BookmarksHandler::handleRequest",
            "/v1/bookmarks: one bookmark per normalized address, with tags; import of browsers' bookmark files",
            List.of(BOOKMARKS_TABLE, ALLOWED_ORIGINS, SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition FILES = new FunctionDefinition(
            "files",
            "dev.persona.api.FilesHandler::handleRequest",
            "/v1/files: registers files within the quotas with a presigned upload; downloads through CloudFront "
                    + "signed URLs",
            List.of(FILES_TABLE, ACCOUNTS_TABLE, UPLOADS_BUCKET, MAX_UPLOAD_BYTES, PRESIGNED_URL_TTL_SECONDS,
                    FILE_QUOTA_FILES, FILE_QUOTA_BYTES, FILE_QUOTA_UPLOADS_PER_MONTH, DOWNLOAD_BASE_URL,
                    DOWNLOAD_URL_TTL_SECONDS, SIGNING_KEY_SECRET_ARN, SIGNING_KEY_REFRESH_SECONDS, ALLOWED_ORIGINS,
                    SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition FILE_EVENTS = new FunctionDefinition(
            "file-events",
            "dev.persona.files.FileEventsHandler::handleRequest",
            "S3 Object Created events of files/: the file's size, ETag and state AVAILABLE in its metadata",
            List.of(FILES_TABLE, UPLOADS_BUCKET, SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition FILE_STREAM = new FunctionDefinition(
            "file-stream",
            "dev.persona.files.FileStreamHandler::handleRequest",
            "The files table's stream: each user's usage (files, bytes, uploads this month) and the objects of "
                    + "deleted files removed; reports the records it could not process",
            List.of(ACCOUNTS_TABLE, UPLOADS_BUCKET, SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition SIGNING_KEY_ROTATION = new FunctionDefinition(
            "signing-key-rotation",
            "dev.persona.signing.SigningKeyRotationHandler::handleRequest",
            "Secrets Manager rotation of the download signing key: a new RSA key pair, its public key in the "
                    + "CloudFront key group, signing switched to it, retired keys removed once their URLs expired",
            List.of(DOWNLOAD_KEY_GROUP_ID, DOWNLOAD_URL_TTL_SECONDS, SIGNING_KEY_REFRESH_SECONDS, SERVICE_NAME,
                    METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition JOB_OUTCOMES = new FunctionDefinition(
            "job-outcomes",
            "dev.persona.pipeline.outcomes.JobOutcomesHandler::handleRequest",
            "The pipeline's execution status changes: each job's outcome (success, the user's error, or ours) and the "
                    + "time from upload to persona, as business metrics",
            List.of(SERVICE_NAME, METRICS_NAMESPACE, LOG_LEVEL));

    public static final FunctionDefinition TRPC = new FunctionDefinition(
            "trpc",
            "dev.persona.trpc.TrpcHandler::handleRequest",
            "/trpc/{proxy+}: the API's operations as tRPC procedures, for @trpc/client",
            List.of(UPLOADS_BUCKET, JOBS_TABLE, PERSONAS_TABLE, ACCOUNTS_TABLE, NOTES_TABLE, BOOKMARKS_TABLE,
                    FILES_TABLE, MAX_UPLOAD_BYTES, PRESIGNED_URL_TTL_SECONDS, FILE_QUOTA_FILES, FILE_QUOTA_BYTES,
                    FILE_QUOTA_UPLOADS_PER_MONTH, DOWNLOAD_BASE_URL, DOWNLOAD_URL_TTL_SECONDS, SIGNING_KEY_SECRET_ARN,
                    SIGNING_KEY_REFRESH_SECONDS, ALLOWED_ORIGINS, SERVICE_NAME, METRICS_NAMESPACE,
                    LOG_LEVEL));

    /** The pipeline's functions, each with the substitution that carries its ARN into the state machine. */
    public static final List<PipelineFunction> PIPELINE = List.of(
            new PipelineFunction(PREPROCESS, StateMachineSubstitutions.PREPROCESS_FUNCTION_ARN),
            new PipelineFunction(CATEGORIZE, StateMachineSubstitutions.CATEGORIZE_FUNCTION_ARN),
            new PipelineFunction(BUILD_PERSONA, StateMachineSubstitutions.BUILD_PERSONA_FUNCTION_ARN),
            new PipelineFunction(DISCARD, StateMachineSubstitutions.DISCARD_FUNCTION_ARN));

    /** Functions behind API routes ({@link ApiRoutes}). */
    public static final List<FunctionDefinition> API = List.of(GET_AWS_CREDENTIALS, UPLOADS, JOBS, PERSONAS,
            DELETE_MY_DATA, TRPC, PROFILE, NOTES, BOOKMARKS, FILES);

    public static final List<FunctionDefinition> ALL = List.of(PREPROCESS, CATEGORIZE, BUILD_PERSONA, DISCARD, AUTHORIZER,
            GET_AWS_CREDENTIALS, UPLOADS, JOBS, PERSONAS, DELETE_MY_DATA, TRPC, PROFILE, NOTES, BOOKMARKS, FILES,
            FILE_EVENTS, FILE_STREAM, SIGNING_KEY_ROTATION, JOB_OUTCOMES);

    private LambdaFunctions() {
    }

    /** The function with this id. */
    public static FunctionDefinition byId(String id) {
        return ALL.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + id));
    }

    /** A function the state machine invokes, and the substitution naming it in the definition. */
    public record PipelineFunction(FunctionDefinition function, String substitutionKey) {
    }
}
