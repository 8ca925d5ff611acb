package dev.persona.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.persona.local.servers.StateFiles;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where a running stack serves what, and the names it serves them under: written as JSON when the stack is up,
 * so {@code persona-local token} and {@code persona-local invoke} (and people) can find it.
 *
 * @param pid              the process serving the stack
 * @param startedAt        when it was ready (ISO-8601)
 * @param startupMillis    from the process's start to ready
 * @param dataDirectory    where the data lives, or null when in memory
 * @param region           the region every endpoint answers for
 * @param api              the API stage's base URL (routes start with {@code /v1})
 * @param s3               S3 (path-style)
 * @param dynamoDb         DynamoDB
 * @param stepFunctions    Step Functions
 * @param issuer           the development identity issuer
 * @param sts              STS
 * @param lambda           Lambda's Invoke, for one-off invocations inside the stack
 * @param secretsManager   Secrets Manager, holding the download signing key
 * @param cloudFront       CloudFront's public key and key group API
 * @param downloads        the download distribution, serving files to signed URLs
 * @param accessKeyId      the account's own access key, which every endpoint accepts
 * @param secretAccessKey  its secret
 * @param bucket           the uploads bucket
 * @param jobsTable        the jobs table
 * @param personasTable    the personas table
 * @param stateMachineArn  the pipeline
 * @param signingKeySecretArn the secret holding the download signing key
 * @param environment      the functions' environment values, by variable name
 * @param metricsLog       where the EMF lines the functions print are kept ({@code persona-local up}), or null
 */
public record Endpoints(long pid, String startedAt, long startupMillis, String dataDirectory, String region, URI api,
                        URI s3, URI dynamoDb, URI stepFunctions, URI issuer, URI sts, URI lambda,
                        URI secretsManager, URI cloudFront, URI downloads, String accessKeyId,
                        String secretAccessKey, String bucket, String jobsTable, String personasTable,
                        String stateMachineArn, String signingKeySecretArn, Map<String, String> environment,
                        String metricsLog) {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public Endpoints {
        environment = Map.copyOf(environment);
    }

    /** These endpoints, announcing {@code log} as the stack's metrics log. */
    public Endpoints withMetricsLog(Path log) {
        return new Endpoints(pid, startedAt, startupMillis, dataDirectory, region, api, s3, dynamoDb, stepFunctions,
                issuer, sts, lambda, secretsManager, cloudFront, downloads, accessKeyId, secretAccessKey, bucket,
                jobsTable, personasTable, stateMachineArn, signingKeySecretArn, environment,
                log.toAbsolutePath().toString());
    }

    /** Writes the file at once (through a temporary file and a rename), so a reader never sees half of it. */
    public void write(Path file) {
        try {
            StateFiles.replace(file, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The endpoints in {@code file}; empty when there is none. */
    public static Optional<Endpoints> read(Path file) {
        try {
            return Optional.of(JSON.readValue(Files.readString(file), Endpoints.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** SDK clients of this stack's AWS endpoints, signing with the account's own credentials. Close them. */
    public LocalFunctions.Clients clients() {
        return new LocalFunctions.Connection(s3, dynamoDb, sts, secretsManager, cloudFront, Region.of(region))
                .clients(credentials());
    }

    /** The account's own credentials. */
    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    /** True while the process that wrote these endpoints runs. */
    @JsonIgnore
    public boolean isLive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
