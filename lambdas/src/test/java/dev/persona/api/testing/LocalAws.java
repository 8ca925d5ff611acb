package dev.persona.api.testing;

import java.util.HashMap;
import java.util.Map;

import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.Tables;
import dev.persona.contracts.SigningKeys;
import dev.persona.local.servers.LocalCdn;
import dev.persona.local.servers.LocalCloudFront;
import dev.persona.local.servers.LocalDynamoDb;
import dev.persona.local.servers.LocalSecretsManager;
import dev.persona.local.servers.LocalS3Server;
import dev.persona.local.servers.TableProvisioner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy and DynamoDB Local with the project's bucket and tables, started once per test JVM (they
 * take seconds to start) and shared by the integration tests, which isolate themselves by user id.
 */
public final class LocalAws {

    public static final String BUCKET = "persona-uploads";
    public static final String JOBS_TABLE = "jobs";
    public static final String PERSONAS_TABLE = "personas";
    public static final String ORIGIN = "https://app.example.com";

    private static LocalAws shared;

    public static final String KEY_GROUP_ID = "4d1b2c3e-0000-4000-8000-000000000001";
    public static final String SIGNING_KEY_SECRET = "persona-test/download-signing-key";
    /** The rotation function's ARN as the secret names it. */
    public static final String ROTATION_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:signing-key-rotation";

    private final LocalS3Server s3Server;
    private final LocalDynamoDb dynamoServer;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final LocalCloudFront cloudFront;
    private final LocalSecretsManager secretsManager;
    private final LocalCdn cdn;
    private final CloudFrontClient cloudFrontClient;
    private final SecretsManagerClient secretsManagerClient;
    private final DynamoDbStreamsClient streams;
    private final String signingKeySecretArn;

    private LocalAws() {
        s3Server = LocalS3Server.builder().bucket(BUCKET).versioning(true).build().start();
        dynamoServer = LocalDynamoDb.builder().build().start();
        s3 = s3Server.client();
        dynamoDb = dynamoServer.client();
        for (TableDefinition table : Tables.ALL) {
            TableProvisioner.ensureTable(dynamoDb, table, tableName(table));
        }
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        cloudFront = LocalCloudFront.builder().keyGroup(KEY_GROUP_ID, "persona-test-downloads",
                SigningKeys.PLACEHOLDER_PUBLIC_KEY).build().start();
        cloudFrontClient = cloudFront.client(credentials);
        secretsManager = LocalSecretsManager.builder().rotationInvoker((function, event) -> {
            if (!function.equals(ROTATION_FUNCTION)) {
                throw new IllegalArgumentException("no function " + function);
            }
            rotationHandler().handleRequest(new java.io.ByteArrayInputStream(event.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)), java.io.OutputStream.nullOutputStream(), null);
        }).build().start();
        secretsManagerClient = secretsManager.client(credentials);
        signingKeySecretArn = secretsManagerClient.createSecret(create -> create.name(SIGNING_KEY_SECRET)
                .secretString(SigningKeys.BOOTSTRAP_VALUE)).arn();
        // As CloudFormation creates the rotation schedule: the first rotation runs at once and writes the first key.
        secretsManagerClient.rotateSecret(rotate -> rotate.secretId(signingKeySecretArn)
                .rotationLambdaARN(ROTATION_FUNCTION).rotationRules(rules -> rules.automaticallyAfterDays(30L)));
        secretsManager.awaitRotations();
        cdn = LocalCdn.builder().trustedKeyGroup(KEY_GROUP_ID, cloudFront::trustedKey).origin(s3, BUCKET).build().start();
        streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoServer.endpoint()).region(LocalDynamoDb.REGION)
                .credentialsProvider(dynamoServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The rotation function as Secrets Manager invokes it, with clients of the local endpoints. */
    private dev.persona.signing.SigningKeyRotationHandler rotationHandler() {
        return new dev.persona.signing.SigningKeyRotationHandler(Environment.of(Map.of(
                EnvironmentVariables.DOWNLOAD_KEY_GROUP_ID, KEY_GROUP_ID)), secretsManagerClient, cloudFrontClient);
    }

    public LocalCloudFront cloudFront() {
        return cloudFront;
    }

    public CloudFrontClient cloudFrontClient() {
        return cloudFrontClient;
    }

    public LocalSecretsManager secretsManager() {
        return secretsManager;
    }

    public SecretsManagerClient secretsManagerClient() {
        return secretsManagerClient;
    }

    public LocalCdn cdn() {
        return cdn;
    }

    public String signingKeySecretArn() {
        return signingKeySecretArn;
    }

    /** A client of DynamoDB Local's streams. */
    public DynamoDbStreamsClient streams() {
        return streams;
    }

    /** The files table's latest stream. */
    public String filesStreamArn() {
        return dynamoDb.describeTable(d -> d.tableName(tableName(Tables.FILES))).table().latestStreamArn();
    }

    /** {@code jobs} for the table with id {@code Jobs}. */
    public static String tableName(TableDefinition table) {
        return table.id().toLowerCase(java.util.Locale.ROOT);
    }

    public static synchronized LocalAws shared() {
        if (shared == null) {
            shared = new LocalAws();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public LocalS3Server s3Server() {
        return s3Server;
    }

    public LocalDynamoDb dynamoDbServer() {
        return dynamoServer;
    }

    /** The handlers' environment, with {@code overrides} on top. */
    public Environment environment(Map<String, String> overrides) {
        Map<String, String> variables = new HashMap<>(Map.of(
                EnvironmentVariables.SIGNING_KEY_SECRET_ARN, signingKeySecretArn,
                EnvironmentVariables.DOWNLOAD_BASE_URL, cdn.endpoint().toString(),
                EnvironmentVariables.DOWNLOAD_KEY_GROUP_ID, KEY_GROUP_ID));
        variables.putAll(overrides);
        return environmentWithoutServers(variables);
    }

    /** The names of the bucket and tables, the allowed origin, and {@code overrides}: no server is started. */
    public static Environment environmentWithoutServers(Map<String, String> overrides) {
        Map<String, String> variables = new HashMap<>(Map.of(
                EnvironmentVariables.UPLOADS_BUCKET, BUCKET,
                EnvironmentVariables.ALLOWED_ORIGINS, ORIGIN));
        for (TableDefinition table : Tables.ALL) {
            variables.put(table.environmentVariable(), tableName(table));
        }
        variables.putAll(overrides);
        return Environment.of(variables);
    }

    public Environment environment() {
        return environment(Map.of());
    }

    private void stop() {
        cdn.stop();
        secretsManagerClient.close();
        cloudFrontClient.close();
        streams.close();
        secretsManager.stop();
        cloudFront.stop();
        s3.close();
        dynamoDb.close();
        s3Server.stop();
        dynamoServer.stop();
    }
}
