package dev.persona.api;

import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.aws.AwsClients;
import dev.persona.config.Environment;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.ApiException;
import dev.persona.http.ApiResponse;
import dev.persona.http.Cors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code DELETE /v1/me/data}: deletes all of the caller's uploads, processed files, personas, jobs, library files,
 * notes, bookmarks and account records, and answers with what was deleted. Calling it again is harmless.
 *
 * <p>The local runtime builds it with {@code new DeleteMyDataHandler(Environment.of(...), dynamoDb, s3)}.
 */
public final class DeleteMyDataHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ApiEndpoint endpoint;
    private final DataDeletionService deletion;

    public DeleteMyDataHandler() {
        this(Environment.system());
    }

    private DeleteMyDataHandler(Environment environment) {
        this(environment, AwsClients.dynamoDb(), AwsClients.s3());
    }

    public DeleteMyDataHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.deletion = ApiServices.deletion(environment, dynamoDb, s3);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "DELETE /v1/me/data" -> ApiResponse.json(200, deletion.deleteAll(request.userId()));
            default -> throw ApiException.noSuchRoute();
        });
    }
}
