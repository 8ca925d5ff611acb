package dev.persona.api;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.aws.AwsClients;
import dev.persona.config.Environment;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.ApiException;
import dev.persona.http.ApiResponse;
import dev.persona.http.Cors;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
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
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public DeleteMyDataHandler() {
        this(Environment.system());
    }

    private DeleteMyDataHandler(Environment environment) {
        this(environment, AwsClients.dynamoDb(), AwsClients.s3());
    }

    /**
     * The function's composition; registers its SnapStart priming: a twin on priming clients deletes the data of a
     * user no one is, and every request it makes is answered in this process.
     */
    public DeleteMyDataHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        this(environment, dynamoDb, s3, true);
    }

    private DeleteMyDataHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.deletion = ApiServices.deletion(environment, dynamoDb, s3);
        this.priming = primed ? Priming.register(LambdaFunctions.DELETE_MY_DATA.id(), environment,
                clients -> ApiPriming.run(new DeleteMyDataHandler(environment, clients.dynamoDb(), clients.s3(), false),
                        PrimingEvents.api("DELETE", "/v1/me/data", Map.of(), null, null))) : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "DELETE /v1/me/data" -> ApiResponse.json(200, deletion.deleteAll(request.userId()));
            default -> throw ApiException.noSuchRoute();
        });
    }
}
