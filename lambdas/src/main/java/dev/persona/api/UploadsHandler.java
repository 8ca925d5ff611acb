package dev.persona.api;

import java.time.Clock;
import java.time.Duration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.aws.AwsClients;
import dev.persona.aws.DynamoJobRepository;
import dev.persona.aws.S3UploadPresigner;
import dev.persona.config.Environment;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.RequestSchemas;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.ApiException;
import dev.persona.http.ApiRequest;
import dev.persona.http.ApiResponse;
import dev.persona.http.Cors;
import dev.persona.http.JsonBodyReader;
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

    static final long DEFAULT_MAX_UPLOAD_BYTES = 1L << 30;
    static final long DEFAULT_URL_LIFETIME_SECONDS = 900;
    /** SigV4 presigned URLs cannot live longer than a week. */
    static final long MAX_URL_LIFETIME_SECONDS = 7 * 24 * 3600;

    private final ApiEndpoint endpoint;
    private final JsonBodyReader bodies = JsonBodyReader.forSchema(RequestSchemas.CREATE_UPLOAD);
    private final UploadService uploads;
    private final long maxUploadBytes;

    public UploadsHandler() {
        this(Environment.system());
    }

    private UploadsHandler(Environment environment) {
        this(environment, AwsClients.dynamoDb(), AwsClients.s3());
    }

    public UploadsHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        this.maxUploadBytes = environment.longValue(EnvironmentVariables.MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES);
        long lifetime = environment.longValue(EnvironmentVariables.PRESIGNED_URL_TTL_SECONDS,
                DEFAULT_URL_LIFETIME_SECONDS);
        if (lifetime < 1 || lifetime > MAX_URL_LIFETIME_SECONDS || maxUploadBytes < 1) {
            throw new IllegalStateException(EnvironmentVariables.PRESIGNED_URL_TTL_SECONDS + " must be 1.."
                    + MAX_URL_LIFETIME_SECONDS + " and " + EnvironmentVariables.MAX_UPLOAD_BYTES + " positive");
        }
        Clock clock = Clock.systemUTC();
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.uploads = new UploadService(
                new DynamoJobRepository(dynamoDb, environment.required(EnvironmentVariables.JOBS_TABLE)),
                new S3UploadPresigner(s3, environment.required(EnvironmentVariables.UPLOADS_BUCKET), clock),
                clock,
                Duration.ofSeconds(lifetime));
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
        CreateUploadRequest upload = CreateUploadRequest.from(bodies.read(request), maxUploadBytes);
        UploadService.CreatedUpload created = uploads.create(userId, upload);
        return ApiResponse.json(201, created).withHeader("Location", ApiRoutes.PREFIX + "/jobs/" + created.jobId());
    }
}
