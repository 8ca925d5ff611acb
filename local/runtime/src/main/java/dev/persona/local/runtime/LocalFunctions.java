package dev.persona.local.runtime;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.persona.api.BookmarksHandler;
import dev.persona.api.DeleteMyDataHandler;
import dev.persona.api.FilesHandler;
import dev.persona.api.JobsHandler;
import dev.persona.api.NotesHandler;
import dev.persona.api.ProfileHandler;
import dev.persona.api.PersonasHandler;
import dev.persona.api.UploadsHandler;
import dev.persona.auth.GetAwsCredentialsHandler;
import dev.persona.auth.GoogleJwtAuthorizerHandler;
import dev.persona.config.Environment;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.files.FileEventsHandler;
import dev.persona.files.FileStreamHandler;
import dev.persona.pipeline.categorize.CategorizeHandler;
import dev.persona.pipeline.discard.DiscardHandler;
import dev.persona.pipeline.outcomes.JobOutcomesHandler;
import dev.persona.pipeline.persona.BuildPersonaHandler;
import dev.persona.pipeline.preprocess.PreprocessHandler;
import dev.persona.signing.SigningKeyRotationHandler;
import dev.persona.trpc.TrpcHandler;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The project's functions as the local runtime runs them: the handler class of each {@link LambdaFunctions}
 * definition, built with clients of the local endpoints signing with its own execution role's credentials, as
 * Lambda gives a function its role's, and the environment the CDK app gives that function (only the variables
 * its definition lists). Registered by function id, so the alias ARNs in the state machine and the gateway's
 * route table reach them; each handler is created on its first invocation, its cold start.
 */
public final class LocalFunctions implements AutoCloseable {

    /** Where the local AWS endpoints are. */
    public record Connection(URI s3, URI dynamoDb, URI sts, URI secretsManager, URI cloudFront, Region region) {

        /**
         * Clients of these endpoints signing with {@code credentials}. S3 is addressed path-style, as S3Proxy
         * serves buckets, with bodies signed whole: S3Proxy may answer an {@code aws-chunked} upload before its
         * last chunk, and the SDK's retry would store it twice.
         */
        public Clients clients(AwsCredentialsProvider credentials) {
            return new Clients(s3Client(credentials), dynamoDbClient(dynamoDb, region, credentials),
                    StsClient.builder().endpointOverride(sts).region(region).credentialsProvider(credentials)
                            .httpClient(UrlConnectionHttpClient.create()).build(),
                    SecretsManagerClient.builder().endpointOverride(secretsManager).region(region)
                            .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build(),
                    // CloudFront's API is global and signed for us-east-1, which the SDK only derives from
                    // aws-global for its own endpoint: with an endpoint override the region must be us-east-1.
                    CloudFrontClient.builder().endpointOverride(cloudFront).region(Region.US_EAST_1)
                            .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build());
        }

        /** The S3 client of {@link #clients}, alone. */
        public S3Client s3Client(AwsCredentialsProvider credentials) {
            return S3Client.builder().endpointOverride(s3).region(region).credentialsProvider(credentials)
                    .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .build();
        }

        /** The DynamoDB client of {@link #clients}, for a server whose other endpoints are not known yet. */
        public static DynamoDbClient dynamoDbClient(URI endpoint, Region region, AwsCredentialsProvider credentials) {
            return DynamoDbClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.create()).build();
        }
    }

    /** The SDK clients handlers get instead of building their own from the Lambda environment. */
    public record Clients(S3Client s3, DynamoDbClient dynamoDb, StsClient sts, SecretsManagerClient secretsManager,
            CloudFrontClient cloudFront) implements AutoCloseable {

        public Clients {
            Objects.requireNonNull(s3, "s3");
            Objects.requireNonNull(dynamoDb, "dynamoDb");
            Objects.requireNonNull(sts, "sts");
            Objects.requireNonNull(secretsManager, "secretsManager");
            Objects.requireNonNull(cloudFront, "cloudFront");
        }

        @Override
        public void close() {
            s3.close();
            dynamoDb.close();
            sts.close();
            secretsManager.close();
            cloudFront.close();
        }
    }

    private final Connection connection;
    private final Function<String, AwsCredentialsProvider> roleCredentials;
    private final Map<String, String> environmentValues;
    private final Map<String, UnaryOperator<RequestStreamHandler>> decorators;
    private final Map<FunctionDefinition, BiFunction<Environment, Clients, Object>> factories = new LinkedHashMap<>();
    private final List<Clients> opened = new CopyOnWriteArrayList<>();

    /**
     * @param connection        the local endpoints
     * @param roleCredentials   the credentials of a function's execution role, by function id
     * @param environmentValues a value for each environment variable the runtime sets, whatever function reads it
     * @param decorators        wrappers of stream handlers by function id, applied to the handler when it is
     *                          created (fault injection)
     */
    public LocalFunctions(Connection connection, Function<String, AwsCredentialsProvider> roleCredentials,
                          Map<String, String> environmentValues,
                          Map<String, UnaryOperator<RequestStreamHandler>> decorators) {
        this.connection = connection;
        this.roleCredentials = roleCredentials;
        this.environmentValues = Map.copyOf(environmentValues);
        this.decorators = Map.copyOf(decorators);
        factories.put(LambdaFunctions.PREPROCESS, (environment, clients) ->
                new PreprocessHandler(environment, clients.s3(), clients.dynamoDb()));
        factories.put(LambdaFunctions.CATEGORIZE, (environment, clients) ->
                new CategorizeHandler(environment, clients.s3()));
        factories.put(LambdaFunctions.BUILD_PERSONA, (environment, clients) ->
                new BuildPersonaHandler(environment, clients.s3(), clients.dynamoDb()));
        factories.put(LambdaFunctions.DISCARD, (environment, clients) ->
                new DiscardHandler(environment, clients.s3(), clients.dynamoDb()));
        factories.put(LambdaFunctions.AUTHORIZER, (environment, clients) -> new GoogleJwtAuthorizerHandler(environment));
        factories.put(LambdaFunctions.GET_AWS_CREDENTIALS, (environment, clients) ->
                new GetAwsCredentialsHandler(environment, clients.sts()));
        factories.put(LambdaFunctions.UPLOADS, (environment, clients) ->
                new UploadsHandler(environment, clients.dynamoDb(), clients.s3()));
        factories.put(LambdaFunctions.JOBS, (environment, clients) -> new JobsHandler(environment, clients.dynamoDb()));
        factories.put(LambdaFunctions.PERSONAS, (environment, clients) ->
                new PersonasHandler(environment, clients.dynamoDb(), clients.s3(), clients.secretsManager()));
        factories.put(LambdaFunctions.DELETE_MY_DATA, (environment, clients) ->
                new DeleteMyDataHandler(environment, clients.dynamoDb(), clients.s3()));
        factories.put(LambdaFunctions.PROFILE, (environment, clients) ->
                new ProfileHandler(environment, clients.dynamoDb()));
        factories.put(LambdaFunctions.NOTES, (environment, clients) -> new NotesHandler(environment, clients.dynamoDb()));
        factories.put(LambdaFunctions.BOOKMARKS, (environment, clients) ->
                new BookmarksHandler(environment, clients.dynamoDb()));
        factories.put(LambdaFunctions.FILES, (environment, clients) ->
                new FilesHandler(environment, clients.dynamoDb(), clients.s3(), clients.secretsManager()));
        factories.put(LambdaFunctions.FILE_EVENTS, (environment, clients) ->
                new FileEventsHandler(environment, clients.dynamoDb(), clients.s3()));
        factories.put(LambdaFunctions.FILE_STREAM, (environment, clients) ->
                new FileStreamHandler(environment, clients.dynamoDb(), clients.s3()));
        factories.put(LambdaFunctions.SIGNING_KEY_ROTATION, (environment, clients) ->
                new SigningKeyRotationHandler(environment, clients.secretsManager(), clients.cloudFront()));
        factories.put(LambdaFunctions.TRPC, (environment, clients) ->
                new TrpcHandler(environment, clients.dynamoDb(), clients.s3(), clients.secretsManager()));
        factories.put(LambdaFunctions.JOB_OUTCOMES, (environment, clients) -> new JobOutcomesHandler(environment));
        if (!factories.keySet().containsAll(LambdaFunctions.ALL)) {
            throw new IllegalStateException("functions without a local handler: " + LambdaFunctions.ALL.stream()
                    .filter(definition -> !factories.containsKey(definition)).map(FunctionDefinition::id).toList());
        }
        for (String id : decorators.keySet()) {
            if (LambdaFunctions.PIPELINE.stream().noneMatch(step -> step.function().id().equals(id))) {
                throw new IllegalArgumentException("only the pipeline's stream handlers can be decorated, not " + id);
            }
        }
    }

    /** The environment the function gets: the runtime's value of each variable its definition lists. */
    public Environment environment(FunctionDefinition definition) {
        return Environment.of(variables(definition));
    }

    /** The function's environment variables and their values, as Lambda would list them. */
    public Map<String, String> variables(FunctionDefinition definition) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String name : definition.environmentVariables()) {
            String value = environmentValues.get(name);
            if (value != null) {
                variables.put(name, value);
            }
        }
        return variables;
    }

    /**
     * A new handler instance of the function, as Lambda creates one per execution environment, with clients signing
     * as its execution role.
     */
    public Object create(FunctionDefinition definition) {
        Clients clients = connection.clients(roleCredentials.apply(definition.id()));
        opened.add(clients);
        Object handler = factories.get(definition).apply(environment(definition), clients);
        UnaryOperator<RequestStreamHandler> decorator = decorators.get(definition.id());
        return decorator == null ? handler : decorator.apply((RequestStreamHandler) handler);
    }

    /** Registers every function by id, each created on its first invocation. */
    public void registerAll(dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions registry) {
        for (FunctionDefinition definition : LambdaFunctions.ALL) {
            registry.register(definition.id(), definition.handlerClass(), handlerClass -> create(definition));
        }
    }

    /** Closes the clients of every handler created. */
    @Override
    public void close() {
        opened.forEach(Clients::close);
        opened.clear();
    }
}
