package dev.persona.trpc;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.api.ApiServices;
import dev.persona.aws.AwsClients;
import dev.persona.config.Environment;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.Cors;
import dev.persona.json.Json;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code GET} and {@code POST /trpc/{proxy+}}: the procedures of {@link AppRouter} over the tRPC protocol
 * ({@link TrpcEndpoint}), calling the services of the REST handlers, with the same CORS headers, logs and error
 * mapping.
 *
 * <p>The local runtime builds it with {@code new TrpcHandler(Environment.of(...), dynamoDb, s3, secretsManager)}.
 */
public final class TrpcHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ApiEndpoint endpoint;
    private final TrpcEndpoint trpc;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public TrpcHandler() {
        this(Environment.system());
    }

    private TrpcHandler(Environment environment) {
        this(environment, AwsClients.dynamoDb(), AwsClients.s3(), AwsClients.secretsManager());
    }

    /**
     * The function's composition; registers its SnapStart priming: a twin on priming clients answers a batch of the
     * queries and one of the creating mutations. As for the files function, under SnapStart the signing key of file
     * downloads is read on the first download after the restore, never before the snapshot.
     */
    public TrpcHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3,
            SecretsManagerClient secretsManager) {
        this(environment, dynamoDb, s3, secretsManager, true);
    }

    private TrpcHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3,
            SecretsManagerClient secretsManager, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.trpc = new TrpcEndpoint(AppRouter.PROCEDURES, new Services(
                ApiServices.uploads(environment, dynamoDb, s3),
                ApiServices.jobs(environment, dynamoDb),
                ApiServices.personas(environment, dynamoDb, s3),
                ApiServices.deletion(environment, dynamoDb, s3),
                ApiServices.profiles(environment, dynamoDb),
                ApiServices.notes(environment, dynamoDb),
                ApiServices.bookmarks(environment, dynamoDb),
                ApiServices.files(environment, dynamoDb, s3, secretsManager)));
        this.priming = primed ? Priming.register(LambdaFunctions.TRPC.id(), environment, clients -> ApiPriming.run(
                new TrpcHandler(environment, clients.dynamoDb(), clients.s3(), clients.secretsManager(), false),
                queries(), mutations())) : null;
    }

    /** Every listing, and a read of each kind that signs nothing or a download, in one batch. */
    private static APIGatewayProxyRequestEvent queries() {
        ObjectNode inputs = Json.MAPPER.createObjectNode();
        inputs.putObject("4").put("noteId", PrimingEvents.FILE_ID);
        inputs.putObject("7").put("fileId", PrimingEvents.FILE_ID);
        return PrimingEvents.api("GET", ApiRoutes.TRPC_RESOURCE, Map.of(ApiRoutes.TRPC_PATH_PARAMETER,
                        "jobs.list,personas.latest,me.get,notes.list,notes.get,bookmarks.list,files.list,files.get"),
                Map.of("batch", "1", "input", inputs.toString()), null);
    }

    /** The creating mutations, in one batch. */
    private static APIGatewayProxyRequestEvent mutations() {
        ObjectNode inputs = Json.MAPPER.createObjectNode();
        inputs.putObject("0").put("filename", "watch-history.json").put("contentType", "application/json")
                .put("sizeBytes", 1024);
        inputs.putObject("1").put("title", "Reading list").put("body", "# Books\n- one")
                .putArray("tags").add("reading");
        inputs.putObject("2").put("url", "https://example.com/Articles/?b=2&a=1#top").putArray("tags").add("reading");
        inputs.putObject("3").put("name", "notes.txt").put("contentType", "text/plain").put("sizeBytes", 1024);
        return PrimingEvents.api("POST", ApiRoutes.TRPC_RESOURCE, Map.of(ApiRoutes.TRPC_PATH_PARAMETER,
                "uploads.create,notes.create,bookmarks.create,files.create"), Map.of("batch", "1"), inputs.toString());
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, trpc::answer);
    }
}
