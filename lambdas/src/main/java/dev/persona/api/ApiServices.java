package dev.persona.api;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.aws.DynamoBookmarkRepository;
import dev.persona.aws.DynamoFileRepository;
import dev.persona.aws.DynamoItems;
import dev.persona.aws.DynamoJobRepository;
import dev.persona.aws.DynamoNoteRepository;
import dev.persona.aws.DynamoPersonaRepository;
import dev.persona.aws.DynamoProfileRepository;
import dev.persona.aws.DynamoUsageRepository;
import dev.persona.aws.S3UploadPresigner;
import dev.persona.aws.S3UserObjectStore;
import dev.persona.bookmarks.BookmarkService;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.FileQuotas;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.Tables;
import dev.persona.files.FileService;
import dev.persona.notes.NoteService;
import dev.persona.profile.ProfileService;
import dev.persona.signing.DownloadSigning;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * How the API's services are built from a function's environment and its SDK clients, once, at init. The REST
 * handlers and the tRPC handler compose them here, so both front doors run the same services with the same
 * settings.
 */
public final class ApiServices {

    static final long DEFAULT_MAX_UPLOAD_BYTES = 1L << 30;
    static final long DEFAULT_URL_LIFETIME_SECONDS = 900;
    /** SigV4 presigned URLs cannot live longer than a week. */
    static final long MAX_URL_LIFETIME_SECONDS = 7 * 24 * 3600;

    private ApiServices() {
    }

    /** Registering uploads: the service and the largest upload it accepts. */
    public record Uploads(UploadService service, long maxUploadBytes) {

        /** Registers the upload a schema-valid create-upload body asks for, after the checks the schema cannot make. */
        public UploadService.CreatedUpload create(String userId, JsonNode body) {
            return service.create(userId, CreateUploadRequest.from(body, maxUploadBytes));
        }
    }

    /**
     * {@code MAX_UPLOAD_BYTES} (1 GiB by default) and {@code PRESIGNED_URL_TTL_SECONDS} (900 by default), checked
     * here so that a bad setting fails the cold start.
     */
    public static Uploads uploads(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        Clock clock = Clock.systemUTC();
        return new Uploads(new UploadService(
                new DynamoJobRepository(dynamoDb, environment.required(EnvironmentVariables.JOBS_TABLE)),
                new S3UploadPresigner(s3, environment.required(EnvironmentVariables.UPLOADS_BUCKET), clock),
                clock,
                urlLifetime(environment)), maxUploadBytes(environment));
    }

    /** Registering files of the library: the service and the largest file it accepts. */
    public record Files(FileService service, long maxFileBytes) {

        /** Registers the file a schema-valid create-file body asks for, after the checks the schema cannot make. */
        public FileService.CreatedFile register(String userId, JsonNode body) {
            return service.register(userId, FileService.NewFile.from(body, maxFileBytes));
        }
    }

    /**
     * The file library: files up to {@code MAX_UPLOAD_BYTES} with uploads presigned for
     * {@code PRESIGNED_URL_TTL_SECONDS}, within the {@code FILE_QUOTA_*} quotas, downloads signed with the key of
     * {@code SIGNING_KEY_SECRET_ARN} ({@link DownloadSigning}).
     */
    public static Files files(Environment environment, DynamoDbClient dynamoDb, S3Client s3,
            SecretsManagerClient secretsManager) {
        Clock clock = Clock.systemUTC();
        long maxFileBytes = maxUploadBytes(environment);
        FileQuotas quotas = new FileQuotas(
                environment.longValue(EnvironmentVariables.FILE_QUOTA_FILES, FileQuotas.DEFAULT.files()),
                environment.longValue(EnvironmentVariables.FILE_QUOTA_BYTES, FileQuotas.DEFAULT.bytes()),
                environment.longValue(EnvironmentVariables.FILE_QUOTA_UPLOADS_PER_MONTH,
                        FileQuotas.DEFAULT.uploadsPerMonth()));
        return new Files(new FileService(
                new DynamoFileRepository(dynamoDb, environment.required(EnvironmentVariables.FILES_TABLE)),
                new DynamoUsageRepository(dynamoDb, environment.required(EnvironmentVariables.ACCOUNTS_TABLE)),
                new S3UploadPresigner(s3, environment.required(EnvironmentVariables.UPLOADS_BUCKET), clock),
                DownloadSigning.fromEnvironment(environment, secretsManager, clock), quotas, maxFileBytes,
                urlLifetime(environment), clock), maxFileBytes);
    }

    /** {@code MAX_UPLOAD_BYTES}: 1 GiB by default; a setting below one byte fails the cold start. */
    private static long maxUploadBytes(Environment environment) {
        long maxUploadBytes = environment.longValue(EnvironmentVariables.MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES);
        if (maxUploadBytes < 1) {
            throw new IllegalStateException(EnvironmentVariables.MAX_UPLOAD_BYTES + " must be positive");
        }
        return maxUploadBytes;
    }

    /** {@code PRESIGNED_URL_TTL_SECONDS}: 900 by default; one beyond what SigV4 allows fails the cold start. */
    private static Duration urlLifetime(Environment environment) {
        long lifetime = environment.longValue(EnvironmentVariables.PRESIGNED_URL_TTL_SECONDS,
                DEFAULT_URL_LIFETIME_SECONDS);
        if (lifetime < 1 || lifetime > MAX_URL_LIFETIME_SECONDS) {
            throw new IllegalStateException(EnvironmentVariables.PRESIGNED_URL_TTL_SECONDS + " must be 1.."
                    + MAX_URL_LIFETIME_SECONDS);
        }
        return Duration.ofSeconds(lifetime);
    }

    /** The caller's profile, in the accounts table. */
    public static ProfileService profiles(Environment environment, DynamoDbClient dynamoDb) {
        return new ProfileService(new DynamoProfileRepository(dynamoDb,
                environment.required(EnvironmentVariables.ACCOUNTS_TABLE)), Clock.systemUTC());
    }

    public static NoteService notes(Environment environment, DynamoDbClient dynamoDb) {
        return new NoteService(new DynamoNoteRepository(dynamoDb,
                environment.required(EnvironmentVariables.NOTES_TABLE)), Clock.systemUTC());
    }

    public static BookmarkService bookmarks(Environment environment, DynamoDbClient dynamoDb) {
        return new BookmarkService(new DynamoBookmarkRepository(dynamoDb,
                environment.required(EnvironmentVariables.BOOKMARKS_TABLE)), Clock.systemUTC());
    }

    public static JobService jobs(Environment environment, DynamoDbClient dynamoDb) {
        return new JobService(new DynamoJobRepository(dynamoDb, environment.required(EnvironmentVariables.JOBS_TABLE)));
    }

    public static PersonaService personas(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        return new PersonaService(
                new DynamoPersonaRepository(dynamoDb, environment.required(EnvironmentVariables.PERSONAS_TABLE)),
                new S3UserObjectStore(s3, environment.required(EnvironmentVariables.UPLOADS_BUCKET)),
                PersonaDocuments.load());
    }

    /** Everything of a user: objects, jobs, personas, and the records of the personal tables. */
    public static DataDeletionService deletion(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        return new DataDeletionService(
                new S3UserObjectStore(s3, environment.required(EnvironmentVariables.UPLOADS_BUCKET)),
                new DynamoPersonaRepository(dynamoDb, environment.required(EnvironmentVariables.PERSONAS_TABLE)),
                new DynamoJobRepository(dynamoDb, environment.required(EnvironmentVariables.JOBS_TABLE)),
                // Files before the account: the stream's deletions of files then find no usage left to count down.
                List.of(records("notes", Tables.NOTES, environment, dynamoDb),
                        records("bookmarks", Tables.BOOKMARKS, environment, dynamoDb),
                        records("files", Tables.FILES, environment, dynamoDb),
                        records("account", Tables.ACCOUNTS, environment, dynamoDb)));
    }

    /** Every item of the user in {@code table}. */
    private static UserRecords records(String name, TableDefinition table, Environment environment,
            DynamoDbClient dynamoDb) {
        String tableName = environment.required(table.environmentVariable());
        return UserRecords.of(name, userId -> DynamoItems.deleteAllOfUser(dynamoDb, table, tableName, userId));
    }
}
