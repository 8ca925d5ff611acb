package dev.persona.trpc;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.api.ApiServices;
import dev.persona.aws.AwsClients;
import dev.persona.config.Environment;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.Cors;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code GET} and {@code POST /trpc/{proxy+}}: the procedures of {@link AppRouter} over the tRPC protocol
 * ({@link TrpcEndpoint}), calling the services of the REST handlers, with the same CORS headers, logs and error
 * mapping.
 *
 * <p>The local runtime builds it with {@code new TrpcHandler(Environment.of(...), dynamoDb, s3)}.
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
        this(environment, AwsClients.dynamoDb(), AwsClients.s3());
    }

    /**
     * The function's composition; registers its SnapStart priming: a twin on priming clients answers a batched
     * query and a mutation.
     */
    public TrpcHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        this(environment, dynamoDb, s3, true);
    }

    private TrpcHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.trpc = new TrpcEndpoint(AppRouter.PROCEDURES, new Services(
                ApiServices.uploads(environment, dynamoDb, s3),
                ApiServices.jobs(environment, dynamoDb),
                ApiServices.personas(environment, dynamoDb, s3),
                ApiServices.deletion(environment, dynamoDb, s3)));
        this.priming = primed ? Priming.register(LambdaFunctions.TRPC.id(), environment, clients -> ApiPriming.run(
                new TrpcHandler(environment, clients.dynamoDb(), clients.s3(), false),
                PrimingEvents.api("GET", ApiRoutes.TRPC_RESOURCE,
                        Map.of(ApiRoutes.TRPC_PATH_PARAMETER, "jobs.list,personas.latest"),
                        Map.of("batch", "1", "input", "{}"), null),
                PrimingEvents.api("POST", ApiRoutes.TRPC_RESOURCE,
                        Map.of(ApiRoutes.TRPC_PATH_PARAMETER, "uploads.create"), null,
                        "{\"filename\":\"watch-history.json\",\"contentType\":\"application/json\","
                                + "\"sizeBytes\":1024}"))) : null;
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
