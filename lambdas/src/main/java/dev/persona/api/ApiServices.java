package dev.persona.api;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.aws.DynamoItems;
import dev.persona.aws.DynamoJobRepository;
import dev.persona.aws.DynamoPersonaRepository;
import dev.persona.aws.S3UploadPresigner;
import dev.persona.aws.S3UserObjectStore;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

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
        long maxUploadBytes = environment.longValue(EnvironmentVariables.MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES);
        long lifetime = environment.longValue(EnvironmentVariables.PRESIGNED_URL_TTL_SECONDS,
                DEFAULT_URL_LIFETIME_SECONDS);
        if (lifetime < 1 || lifetime > MAX_URL_LIFETIME_SECONDS || maxUploadBytes < 1) {
            throw new IllegalStateException(EnvironmentVariables.PRESIGNED_URL_TTL_SECONDS + " must be 1.."
                    + MAX_URL_LIFETIME_SECONDS + " and " + EnvironmentVariables.MAX_UPLOAD_BYTES + " positive");
        }
        Clock clock = Clock.systemUTC();
        return new Uploads(new UploadService(
                new DynamoJobRepository(dynamoDb, environment.required(EnvironmentVariables.JOBS_TABLE)),
                new S3UploadPresigner(s3, environment.required(EnvironmentVariables.UPLOADS_BUCKET), clock),
                clock,
                Duration.ofSeconds(lifetime)), maxUploadBytes);
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
