package dev.persona.trpc;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.api.ApiServices;
import dev.persona.aws.AwsClients;
import dev.persona.config.Environment;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.Cors;
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

    public TrpcHandler() {
        this(Environment.system());
    }

    private TrpcHandler(Environment environment) {
        this(environment, AwsClients.dynamoDb(), AwsClients.s3());
    }

    public TrpcHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.trpc = new TrpcEndpoint(AppRouter.PROCEDURES, new Services(
                ApiServices.uploads(environment, dynamoDb, s3),
                ApiServices.jobs(environment, dynamoDb),
                ApiServices.personas(environment, dynamoDb, s3),
                ApiServices.deletion(environment, dynamoDb, s3)));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, trpc::answer);
    }
}
