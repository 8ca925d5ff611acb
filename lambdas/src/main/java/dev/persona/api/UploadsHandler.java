package dev.persona.api;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.aws.AwsClients;
import dev.persona.config.Environment;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.RequestSchemas;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.ApiException;
import dev.persona.http.ApiRequest;
import dev.persona.http.ApiResponse;
import dev.persona.http.Cors;
import dev.persona.http.JsonBodyReader;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code POST /v1/uploads}: validates the announced file ({@code MAX_UPLOAD_BYTES}, 1 GiB by default),
 * registers its job and answers 201 with a presigned PUT and POST valid for
 * {@code PRESIGNED_URL_TTL_SECONDS} (900 by default).
 *
 * <p>The local runtime builds it with {@code new UploadsHandler(Environment.of(...), dynamoDb, s3)}:
 * presigned URLs then point at whatever endpoint, region and credentials that S3 client uses.
 */
public final class UploadsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final String PRIMING_UPLOAD =
            "{\"filename\":\"MyActivity.json\",\"contentType\":\"application/json\",\"sizeBytes\":1024}";

    private final ApiEndpoint endpoint;
    private final JsonBodyReader bodies = JsonBodyReader.forSchema(RequestSchemas.CREATE_UPLOAD);
    private final ApiServices.Uploads uploads;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public UploadsHandler() {
        this(Environment.system());
    }

    private UploadsHandler(Environment environment) {
        this(environment, AwsClients.dynamoDb(), AwsClients.s3());
    }

    /** The function's composition; registers its SnapStart priming (a twin on priming clients creates an upload). */
    public UploadsHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        this(environment, dynamoDb, s3, true);
    }

    private UploadsHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.uploads = ApiServices.uploads(environment, dynamoDb, s3);
        this.priming = primed ? Priming.register(LambdaFunctions.UPLOADS.id(), environment, clients -> ApiPriming.run(
                new UploadsHandler(environment, clients.dynamoDb(), clients.s3(), false),
                PrimingEvents.api("POST", "/v1/uploads", Map.of(), null, PRIMING_UPLOAD))) : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "POST /v1/uploads" -> create(request);
            default -> throw ApiException.noSuchRoute();
        });
    }

    private ApiResponse create(ApiRequest request) {
        String userId = request.userId();
        UploadService.CreatedUpload created = uploads.create(userId, bodies.read(request));
        return ApiResponse.json(201, created).withHeader("Location", ApiRoutes.PREFIX + "/jobs/" + created.jobId());
    }
}
