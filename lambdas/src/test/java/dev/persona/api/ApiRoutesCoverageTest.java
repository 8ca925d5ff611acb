package dev.persona.api;

import java.net.URI;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.auth.GetAwsCredentialsHandler;
import dev.persona.config.Environment;
import dev.persona.contracts.ApiRoute;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.json.Json;
import dev.persona.trpc.TrpcHandler;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of {@link ApiRoutes} is served by the handler class its function names, and a handler
 * answers a route it does not serve like the gateway answers a missing one. No AWS call is made: the
 * requests carry no caller, so a served route stops at 401.
 */
class ApiRoutesCoverageTest {

    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    private static final Environment ENVIRONMENT = LocalAws.environmentWithoutServers(Map.of(
            "UPLOADER_ROLE_ARN", "arn:aws:iam::123456789012:role/uploader", "ALLOWED_ORIGINS", "https://a.example",
            "SIGNING_KEY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:k-AbCdEf",
            "DOWNLOAD_BASE_URL", "https://downloads.example"));

    private final DynamoDbClient dynamoDb = DynamoDbClient.builder().region(Region.EU_WEST_1).endpointOverride(NOWHERE)
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    private final S3Client s3 = S3Client.builder().region(Region.EU_WEST_1).endpointOverride(NOWHERE)
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    private final SecretsManagerClient secrets = SecretsManagerClient.builder().region(Region.EU_WEST_1)
            .endpointOverride(NOWHERE).credentialsProvider(AnonymousCredentialsProvider.create()).build();
    private final StsClient sts = StsClient.builder().region(Region.EU_WEST_1).endpointOverride(NOWHERE)
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();

    private final Map<String, Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> handlers = Map.ofEntries(
            Map.entry(LambdaFunctions.PROFILE.handlerClass(), handle(new ProfileHandler(ENVIRONMENT, dynamoDb))),
            Map.entry(LambdaFunctions.NOTES.handlerClass(), handle(new NotesHandler(ENVIRONMENT, dynamoDb))),
            Map.entry(LambdaFunctions.BOOKMARKS.handlerClass(), handle(new BookmarksHandler(ENVIRONMENT, dynamoDb))),
            Map.entry(
LambdaFunctions.UPLOADS.handlerClass(), handle(new UploadsHandler(ENVIRONMENT, dynamoDb, s3))),
            Map.entry(LambdaFunctions.JOBS.handlerClass(), handle(new JobsHandler(ENVIRONMENT, dynamoDb))),
            Map.entry(LambdaFunctions.PERSONAS.handlerClass(), handle(new PersonasHandler(ENVIRONMENT, dynamoDb, s3, secrets))),
            Map.entry(LambdaFunctions.FILES.handlerClass(), handle(new FilesHandler(ENVIRONMENT, dynamoDb, s3, secrets))),
            Map.entry(LambdaFunctions.DELETE_MY_DATA.handlerClass(),
                    handle(new DeleteMyDataHandler(ENVIRONMENT, dynamoDb, s3))),
            Map.entry(LambdaFunctions.GET_AWS_CREDENTIALS.handlerClass(),
                    handle(new GetAwsCredentialsHandler(ENVIRONMENT, sts))),
            Map.entry(LambdaFunctions.TRPC.handlerClass(), handle(new TrpcHandler(ENVIRONMENT, dynamoDb, s3, secrets))));

    @Test
    void everyRouteReachesItsHandler() throws Exception {
        assertThat(handlers.keySet()).containsExactlyInAnyOrderElementsOf(
                LambdaFunctions.API.stream().map(FunctionDefinition::handlerClass).toList());
        for (ApiRoute route : ApiRoutes.ALL) {
            APIGatewayProxyResponseEvent response = handlers.get(route.function().handlerClass())
                    .apply(ApiCall.of(route.method(), route.path()).event());
            assertThat(response.getStatusCode()).as(route.method() + " " + route.path()).isEqualTo(401);
        }
    }

    @Test
    void aRouteOfAnotherHandlerIsNotFound() throws Exception {
        for (ApiRoute route : ApiRoutes.ALL) {
            for (var handler : handlers.entrySet()) {
                if (!handler.getKey().equals(route.function().handlerClass())) {
                    APIGatewayProxyResponseEvent response = handler.getValue()
                            .apply(ApiCall.of(route.method(), route.path()).as("google_1").event());
                    assertThat(response.getStatusCode()).isEqualTo(404);
                    assertThat(Json.MAPPER.readTree(response.getBody()).get("detail").asText()).isEqualTo("No such route.");
                }
            }
        }
    }

    private static Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handle(
            RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
        return event -> handler.handleRequest(event, null);
    }
}
