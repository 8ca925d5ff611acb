package dev.persona.snapstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.nimbusds.jose.jwk.RSAKey;
import dev.persona.api.BookmarksHandler;
import dev.persona.api.DeleteMyDataHandler;
import dev.persona.api.FilesHandler;
import dev.persona.api.JobsHandler;
import dev.persona.api.NotesHandler;
import dev.persona.api.PersonasHandler;
import dev.persona.api.ProfileHandler;
import dev.persona.api.UploadsHandler;
import dev.persona.api.testing.JwksServer;
import dev.persona.api.testing.TestTokens;
import dev.persona.auth.GetAwsCredentialsHandler;
import dev.persona.auth.GoogleJwtAuthorizerHandler;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.files.FileEventsHandler;
import dev.persona.files.FileStreamHandler;
import dev.persona.pipeline.categorize.CategorizeHandler;
import dev.persona.pipeline.discard.DiscardHandler;
import dev.persona.pipeline.outcomes.JobOutcomesHandler;
import dev.persona.pipeline.persona.BuildPersonaHandler;
import dev.persona.pipeline.preprocess.PreprocessHandler;
import dev.persona.signing.DownloadSigner;
import dev.persona.signing.DownloadSigning;
import dev.persona.signing.SigningKeyMaterial;
import dev.persona.signing.SigningKeyRotationHandler;
import dev.persona.trpc.TrpcHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every function's SnapStart hooks run as Lambda runs them ({@code beforeCheckpoint}, then {@code afterRestore}) on
 * the function built by its composition constructor, and priming sends its SDK requests to the priming clients only:
 * the function's own clients point at a loopback port that counts every connection, and none is made.
 */
class SnapStartPrimingTest {

    private static final RSAKey ISSUER_KEY = TestTokens.rsaKey("dev-1");
    private static final String AUDIENCE = "persona-web";

    private static ServerSocket endpoint;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static JwksServer issuer;

    @BeforeAll
    static void start() throws IOException {
        endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!endpoint.isClosed()) {
                try (Socket ignored = endpoint.accept()) {
                    CONNECTIONS.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        issuer = new JwksServer(List.of(ISSUER_KEY.toPublicJWK()));
    }

    @AfterAll
    static void stop() throws IOException {
        endpoint.close();
        issuer.close();
    }

    /** A function's clients, all aimed at the counting port. */
    record Clients(S3Client s3, DynamoDbClient dynamoDb, StsClient sts, SecretsManagerClient secretsManager,
                   CloudFrontClient cloudFront) {
    }

    record Function(String name, java.util.function.Function<Clients, Priming> build, int minimumSdkRequests) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Function> functions() {
        Environment environment = environment(Map.of());
        // Functions that sign downloads read their key at an on-demand init; SnapStart's init must not hold it.
        Environment snapStart = environment(Map.of(Priming.INITIALIZATION_TYPE, "snap-start"));
        return Stream.of(
                new Function("preprocess", c -> new PreprocessHandler(environment, c.s3(), c.dynamoDb()).priming(), 2),
                new Function("categorize", c -> new CategorizeHandler(environment, c.s3()).priming(), 1),
                new Function("build-persona",
                        c -> new BuildPersonaHandler(environment, c.s3(), c.dynamoDb()).priming(), 1),
                new Function("discard", c -> new DiscardHandler(environment, c.s3(), c.dynamoDb()).priming(), 1),
                new Function("get-aws-credentials",
                        c -> new GetAwsCredentialsHandler(environment, c.sts()).priming(), 1),
                new Function("uploads", c -> new UploadsHandler(environment, c.dynamoDb(), c.s3()).priming(), 1),
                new Function("jobs", c -> new JobsHandler(environment, c.dynamoDb()).priming(), 2),
                new Function("personas", c -> new PersonasHandler(snapStart, c.dynamoDb(), c.s3(),
                        c.secretsManager()).priming(), 2),
                new Function("delete-my-data",
                        c -> new DeleteMyDataHandler(environment, c.dynamoDb(), c.s3()).priming(), 1),
                new Function("trpc", c -> new TrpcHandler(snapStart, c.dynamoDb(), c.s3(), c.secretsManager())
                        .priming(), 12),
                new Function("google-jwt-authorizer", c -> new GoogleJwtAuthorizerHandler(environment).priming(), 0),
                new Function("profile", c -> new ProfileHandler(environment, c.dynamoDb()).priming(), 2),
                new Function("notes", c -> new NotesHandler(environment, c.dynamoDb()).priming(), 2),
                new Function("bookmarks", c -> new BookmarksHandler(environment, c.dynamoDb()).priming(), 2),
                new Function("files", c -> new FilesHandler(snapStart, c.dynamoDb(), c.s3(), c.secretsManager())
                        .priming(), 2),
                new Function("file-events", c -> new FileEventsHandler(environment, c.dynamoDb(), c.s3()).priming(),
                        1),
                new Function("file-stream", c -> new FileStreamHandler(environment, c.dynamoDb(), c.s3()).priming(),
                        2),
                new Function("signing-key-rotation", c -> new SigningKeyRotationHandler(environment,
                        c.secretsManager(), c.cloudFront()).priming(), 1),
                new Function("job-outcomes", c -> new JobOutcomesHandler(environment).priming(), 0));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void primingRunsBeforeTheSnapshotWithoutReachingTheFunctionsEndpoints(Function function) throws Exception {
        Clients clients = clients();
        int connectionsBefore = CONNECTIONS.get();
        Priming priming = function.build().apply(clients);

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        assertThat(priming.function()).isEqualTo(function.name());
        assertThat(priming.checkpoints()).isEqualTo(1);
        assertThat(priming.restores()).isEqualTo(1);
        assertThat(priming.sdkRequestsPrimed()).isGreaterThanOrEqualTo(function.minimumSdkRequests());
        Thread.sleep(50);
        assertThat(CONNECTIONS.get()).as("connections to the function's own endpoints").isEqualTo(connectionsBefore);
    }

    @Test
    void everyFunctionOfTheProjectIsPrimed() {
        assertThat(functions().map(Function::name))
                .containsExactlyInAnyOrderElementsOf(LambdaFunctions.ALL.stream().map(FunctionDefinition::id).toList());
    }

    @Test
    void underSnapStartTheSigningKeyIsReadOnTheFirstDownloadNotDuringTheInit() {
        int connectionsBefore = CONNECTIONS.get();
        DownloadSigner signer = DownloadSigning.fromEnvironment(
                environment(Map.of(Priming.INITIALIZATION_TYPE, "snap-start")), clients().secretsManager(),
                java.time.Clock.systemUTC());
        assertThat(CONNECTIONS.get()).as("secret reads during the init").isEqualTo(connectionsBefore);

        // The counting endpoint closes each connection: the read fails, and signing is unavailable (503 at the API).
        assertThatThrownBy(() -> signer.sign("files/u/f/a.txt")).isInstanceOf(SigningKeyMaterial.NoKeyYetException.class);
        assertThat(CONNECTIONS.get()).as("secret reads on the first download").isGreaterThan(connectionsBefore);
    }

    @Test
    void theAuthorizerFetchesKeysAfterTheRestoreNotDuringTheSnapshotInit() throws Exception {
        int fetchesBefore = issuer.fetches();
        GoogleJwtAuthorizerHandler handler = new GoogleJwtAuthorizerHandler(
                environment(Map.of(Priming.INITIALIZATION_TYPE, "snap-start")));

        handler.priming().beforeCheckpoint(null);
        assertThat(issuer.fetches()).as("fetches before the snapshot").isEqualTo(fetchesBefore);

        handler.priming().afterRestore(null);
        assertThat(issuer.fetches()).as("fetches after the restore").isEqualTo(fetchesBefore + 1);
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn("arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/v1/jobs");
        event.setHeaders(Map.of("Authorization", "Bearer " + TestTokens.sign(ISSUER_KEY,
                TestTokens.google(Instant.now(), "restored-user").issuer(issuer.baseUri().toString())
                        .audience(AUDIENCE).build())));
        IamPolicyResponseV1 policy = handler.handleRequest(event, null);
        assertThat(policy.getPrincipalId()).isEqualTo("dev_restored-user");
        assertThat(issuer.fetches()).isEqualTo(fetchesBefore + 1);
    }

    @Test
    void anOnDemandInitFetchesKeysAtConstructionAsBefore() {
        int fetchesBefore = issuer.fetches();
        new GoogleJwtAuthorizerHandler(environment(Map.of(Priming.INITIALIZATION_TYPE, "on-demand")));
        assertThat(issuer.fetches()).isEqualTo(fetchesBefore + 1);
    }

    private static Environment environment(Map<String, String> extra) {
        Map<String, String> variables = new HashMap<>(Map.of(
                EnvironmentVariables.UPLOADS_BUCKET, "persona-uploads",
                EnvironmentVariables.JOBS_TABLE, "persona-jobs",
                EnvironmentVariables.PERSONAS_TABLE, "persona-personas",
                EnvironmentVariables.UPLOADER_ROLE_ARN, "arn:aws:iam::123456789012:role/persona-uploader",
                EnvironmentVariables.ALLOWED_ORIGINS, "http://localhost:5173",
                EnvironmentVariables.DEV_ISSUER_URL, issuer.baseUri().toString(),
                EnvironmentVariables.DEV_ISSUER_AUDIENCES, AUDIENCE,
                "AWS_REGION", "eu-west-1"));
        variables.putAll(Map.of(
                EnvironmentVariables.ACCOUNTS_TABLE, "persona-accounts",
                EnvironmentVariables.NOTES_TABLE, "persona-notes",
                EnvironmentVariables.BOOKMARKS_TABLE, "persona-bookmarks",
                EnvironmentVariables.FILES_TABLE, "persona-files",
                EnvironmentVariables.SIGNING_KEY_SECRET_ARN,
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:persona-signing-key-AbCdEf",
                EnvironmentVariables.DOWNLOAD_BASE_URL, "https://d111111abcdef8.cloudfront.net",
                EnvironmentVariables.DOWNLOAD_KEY_GROUP_ID, "K2JCJMDEHXQW5F"));
        variables.putAll(extra);
        return Environment.of(variables);
    }

    private static Clients clients() {
        URI uri = URI.create("http://127.0.0.1:" + endpoint.getLocalPort());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDFUNCTION", "function-secret"));
        return new Clients(
                S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(uri)
                        .forcePathStyle(true).region(Region.EU_WEST_1).credentialsProvider(credentials).build(),
                DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(uri)
                        .region(Region.EU_WEST_1).credentialsProvider(credentials).build(),
                StsClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(uri)
                        .region(Region.EU_WEST_1).credentialsProvider(credentials).build(),
                SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(uri)
                        .region(Region.EU_WEST_1).credentialsProvider(credentials).build(),
                CloudFrontClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(uri)
                        .region(Region.AWS_GLOBAL).credentialsProvider(credentials).build());
    }
}
