package dev.persona.api.testing;

import java.util.HashMap;
import java.util.Map;

import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.Tables;
import dev.persona.local.servers.LocalDynamoDb;
import dev.persona.local.servers.LocalS3Server;
import dev.persona.local.servers.TableProvisioner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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

    private final LocalS3Server s3Server;
    private final LocalDynamoDb dynamoServer;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;

    private LocalAws() {
        s3Server = LocalS3Server.builder().bucket(BUCKET).versioning(true).build().start();
        dynamoServer = LocalDynamoDb.builder().build().start();
        s3 = s3Server.client();
        dynamoDb = dynamoServer.client();
        TableProvisioner.ensureTable(dynamoDb, Tables.JOBS, JOBS_TABLE);
        TableProvisioner.ensureTable(dynamoDb, Tables.PERSONAS, PERSONAS_TABLE);
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
                EnvironmentVariables.UPLOADS_BUCKET, BUCKET,
                EnvironmentVariables.JOBS_TABLE, JOBS_TABLE,
                EnvironmentVariables.PERSONAS_TABLE, PERSONAS_TABLE,
                EnvironmentVariables.ALLOWED_ORIGINS, ORIGIN));
        variables.putAll(overrides);
        return Environment.of(variables);
    }

    public Environment environment() {
        return environment(Map.of());
    }

    private void stop() {
        s3.close();
        dynamoDb.close();
        s3Server.stop();
        dynamoServer.stop();
    }
}
