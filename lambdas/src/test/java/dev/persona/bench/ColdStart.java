package dev.persona.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.api.DeleteMyDataHandler;
import dev.persona.api.JobsHandler;
import dev.persona.api.PersonasHandler;
import dev.persona.api.UploadsHandler;
import dev.persona.auth.GoogleJwtAuthorizerHandler;
import dev.persona.aws.AwsClients;
import dev.persona.config.Environment;
import dev.persona.pipeline.categorize.CategorizeHandler;
import dev.persona.pipeline.persona.BuildPersonaHandler;
import dev.persona.pipeline.preprocess.PreprocessHandler;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import dev.persona.testing.TestContext;
import dev.persona.trpc.TrpcHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * One cold start of one function, run in a fresh JVM by {@link ColdStartBenchmark}: builds the SDK clients (from the
 * environment, as {@link AwsClients} does, plus the path-style addressing the local S3 server needs) and the function
 * through its composition constructor; with {@code primed}, runs the SnapStart hooks as Lambda would around the
 * snapshot; then answers one real request against the local servers. Prints, in microseconds: construction, the
 * before-checkpoint and after-restore hooks (0 without priming), and the first response.
 *
 * <p>Arguments: function id, {@code unprimed} or a primed mode ({@code primed}, {@code metrics}, {@code no-metrics}: the
 * metrics are switched off by the environment), and a file with the request (a step's JSON input, or for the
 * API functions {@code METHOD RESOURCE} on the first line and an optional JSON body after it; for the authorizer, the
 * token).
 */
public final class ColdStart {

    static final String RESULT = "RESULT";

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String function = args[0];
        boolean primed = !args[1].equals("unprimed");
        String request = Files.readString(Path.of(args[2]));
        Environment environment = Environment.system();

        long started = System.nanoTime();
        Invocation invocation = build(function, environment);
        long constructed = System.nanoTime();
        if (primed) {
            invocation.priming().beforeCheckpoint(null);
        }
        long checkpointed = System.nanoTime();
        if (primed) {
            invocation.priming().afterRestore(null);
        }
        long restored = System.nanoTime();
        String answer = invocation.answer(request);
        long answered = System.nanoTime();
        System.out.println(RESULT + " " + (constructed - started) / 1000 + " " + (checkpointed - constructed) / 1000
                + " " + (restored - checkpointed) / 1000 + " " + (answered - restored) / 1000 + " " + answer);
    }

    /** A constructed function: its priming, and how it answers one request (returns a short summary). */
    private interface Invocation {
        Priming priming();

        String answer(String request) throws Exception;
    }

    private static Invocation build(String function, Environment environment) {
        return switch (function) {
            case "preprocess" -> step(new PreprocessHandler(environment, s3(), dynamoDb()), h -> h.priming());
            case "categorize" -> step(new CategorizeHandler(environment, s3()), h -> h.priming());
            case "build-persona" -> step(new BuildPersonaHandler(environment, s3(), dynamoDb()), h -> h.priming());
            case "uploads" -> api(new UploadsHandler(environment, dynamoDb(), s3()), h -> h.priming());
            case "jobs" -> api(new JobsHandler(environment, dynamoDb()), h -> h.priming());
            case "personas" -> api(new PersonasHandler(environment, dynamoDb(), s3(),
                    AwsClients.secretsManager()), h -> h.priming());
            case "delete-my-data" -> api(new DeleteMyDataHandler(environment, dynamoDb(), s3()), h -> h.priming());
            case "trpc" -> api(new TrpcHandler(environment, dynamoDb(), s3(), AwsClients.secretsManager()),
                    h -> h.priming());
            case "google-jwt-authorizer" -> authorizer(new GoogleJwtAuthorizerHandler(environment));
            default -> throw new IllegalArgumentException("no function " + function);
        };
    }

    private static <H extends RequestStreamHandler> Invocation step(H handler,
                                                                    java.util.function.Function<H, Priming> priming) {
        return new Invocation() {
            @Override
            public Priming priming() {
                return priming.apply(handler);
            }

            @Override
            public String answer(String request) throws Exception {
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(request.getBytes()), output, new TestContext());
                return output.size() + " bytes";
            }
        };
    }

    private static <H extends RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> Invocation api(
            H handler, java.util.function.Function<H, Priming> priming) {
        return new Invocation() {
            @Override
            public Priming priming() {
                return priming.apply(handler);
            }

            @Override
            public String answer(String request) {
                String[] lines = request.split("\n", 2);
                String[] route = lines[0].split(" ");
                Map<String, String> path = route.length > 2 ? Map.of(route[2], route[3]) : Map.of();
                String body = lines.length > 1 && !lines[1].isBlank() ? lines[1] : null;
                APIGatewayProxyRequestEvent event = PrimingEvents.api(route[0], route[1], path, null, body);
                event.getRequestContext().setAuthorizer(Map.of("principalId", "cold-start-user", "userId",
                        "cold-start-user", "provider", "google"));
                event.getRequestContext().setRequestId("cold-start");
                return "HTTP " + handler.handleRequest(event, new TestContext()).getStatusCode();
            }
        };
    }

    private static Invocation authorizer(GoogleJwtAuthorizerHandler handler) {
        return new Invocation() {
            @Override
            public Priming priming() {
                return handler.priming();
            }

            @Override
            public String answer(String token) {
                APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
                event.setType("REQUEST");
                event.setMethodArn("arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/v1/jobs");
                event.setHeaders(Map.of("Authorization", "Bearer " + token.trim()));
                return "principal " + handler.handleRequest(event, new TestContext()).getPrincipalId();
            }
        };
    }

    private static S3Client s3() {
        return S3Client.builder().httpClient(AwsClients.httpClient()).forcePathStyle(true)
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_S3")))
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build()).build();
    }

    private static DynamoDbClient dynamoDb() {
        return AwsClients.dynamoDb();
    }
}
