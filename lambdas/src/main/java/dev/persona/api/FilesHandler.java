package dev.persona.api;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.aws.AwsClients;
import dev.persona.config.Environment;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.RequestSchemas;
import dev.persona.files.FileService;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.ApiException;
import dev.persona.http.ApiResponse;
import dev.persona.http.Cors;
import dev.persona.http.JsonBodyReader;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code /v1/files}: {@code GET} (newest first), {@code POST} (201 with a presigned PUT; 403 {@code QUOTA_EXCEEDED}
 * beyond a quota); {@code /v1/files/{fileId}}: {@code GET} (with a CloudFront signed download URL once the object
 * arrived), {@code DELETE} (204; the stream consumer removes the object).
 *
 * <p>The local runtime builds it with {@code new FilesHandler(Environment.of(...), dynamoDb, s3, secretsManager)}.
 */
public final class FilesHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ApiEndpoint endpoint;
    private final JsonBodyReader bodies = JsonBodyReader.forSchema(RequestSchemas.CREATE_FILE);
    private final ApiServices.Files files;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public FilesHandler() {
        this(Environment.system());
    }

    private FilesHandler(Environment environment) {
        this(environment, AwsClients.dynamoDb(), AwsClients.s3(), AwsClients.secretsManager());
    }

    /**
     * The function's composition; registers its SnapStart priming: a twin on priming clients lists, registers and
     * reads files. Under SnapStart the real signing key is read on the first download after the restore, never before
     * the snapshot.
     */
    public FilesHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3,
            SecretsManagerClient secretsManager) {
        this(environment, dynamoDb, s3, secretsManager, true);
    }

    private FilesHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3,
            SecretsManagerClient secretsManager, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.files = ApiServices.files(environment, dynamoDb, s3, secretsManager);
        this.priming = primed ? Priming.register(LambdaFunctions.FILES.id(), environment, clients -> ApiPriming.run(
                new FilesHandler(environment, clients.dynamoDb(), clients.s3(), clients.secretsManager(), false),
                PrimingEvents.api("GET", "/v1/files", Map.of(), null, null),
                PrimingEvents.api("POST", "/v1/files", Map.of(), null,
                        "{\"name\":\"notes.txt\",\"contentType\":\"text/plain\",\"sizeBytes\":1024}"),
                PrimingEvents.api("GET", "/v1/files/{fileId}", Map.of("fileId", PrimingEvents.FILE_ID), null, null)))
                : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "GET /v1/files" -> ApiResponse.json(200, files.service().list(request.userId(),
                    request.queryParameter("limit"), request.queryParameter("cursor")));
            case "POST /v1/files" -> {
                String userId = request.userId();
                FileService.CreatedFile created = files.register(userId, bodies.read(request));
                yield ApiResponse.json(201, created).withHeader("Location", created.file().links().self());
            }
            case "GET /v1/files/{fileId}" -> ApiResponse.json(200, files.service().get(request.userId(),
                    request.pathParameter("fileId").orElse("")));
            case "DELETE /v1/files/{fileId}" -> {
                files.service().delete(request.userId(), request.pathParameter("fileId").orElse(""));
                yield ApiResponse.noContent();
            }
            default -> throw ApiException.noSuchRoute();
        });
    }
}
