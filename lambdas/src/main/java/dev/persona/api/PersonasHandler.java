package dev.persona.api;

import java.time.Clock;
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
import dev.persona.http.ErrorCode;
import dev.persona.signing.DownloadSigner;
import dev.persona.signing.DownloadSigning;
import dev.persona.signing.SigningKeyMaterial;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code GET /v1/personas/latest} and {@code GET /v1/personas/{jobId}}: the persona document exactly as
 * the build-persona step stored it, with a strong {@code ETag}; {@code GET /v1/personas/{jobId}/download}: a CloudFront
 * signed URL of that document on the download distribution.
 *
 * <p>The local runtime builds it with {@code new PersonasHandler(Environment.of(...), dynamoDb, s3, secretsManager)}.
 */
public final class PersonasHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ApiEndpoint endpoint;
    private final PersonaService personas;
    private final DownloadSigner downloads;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public PersonasHandler() {
        this(Environment.system());
    }

    private PersonasHandler(Environment environment) {
        this(environment, AwsClients.dynamoDb(), AwsClients.s3(), AwsClients.secretsManager());
    }

    /**
     * The function's composition; registers its SnapStart priming: a twin on priming clients reads personas and asks
     * for a download link, which its secret without a value answers with 503. Under SnapStart the real signing key
     * is read on the first download after the restore, never before the snapshot.
     */
    public PersonasHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3,
            SecretsManagerClient secretsManager) {
        this(environment, dynamoDb, s3, secretsManager, true);
    }

    private PersonasHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3,
            SecretsManagerClient secretsManager, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.personas = ApiServices.personas(environment, dynamoDb, s3);
        this.downloads = DownloadSigning.fromEnvironment(environment, secretsManager, Clock.systemUTC());
        this.priming = primed ? Priming.register(LambdaFunctions.PERSONAS.id(), environment, clients -> ApiPriming.run(
                new PersonasHandler(environment, clients.dynamoDb(), clients.s3(), clients.secretsManager(), false),
                PrimingEvents.api("GET", "/v1/personas/latest", Map.of(), null, null),
                PrimingEvents.api("GET", "/v1/personas/{jobId}", Map.of("jobId", PrimingEvents.JOB_ID), null, null),
                PrimingEvents.api("GET", "/v1/personas/{jobId}/download", Map.of("jobId", PrimingEvents.JOB_ID), null,
                        null)))
                : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    /** A CloudFront signed URL of the persona's document, valid for a few minutes. */
    private DownloadSigner.SignedDownload download(String userId, String jobId) {
        String key = personas.documentKey(userId, jobId);
        try {
            return downloads.sign(key);
        } catch (SigningKeyMaterial.NoKeyYetException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Downloads are not available yet. Retry shortly.");
        }
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "GET /v1/personas/latest" -> ApiResponse.jsonText(200, personas.latest(request.userId()))
                    .withEntityTag(request);
            case "GET /v1/personas/{jobId}" -> ApiResponse.jsonText(200,
                    personas.forJob(request.userId(), request.pathParameter("jobId").orElse("")))
                    .withEntityTag(request);
            case "GET /v1/personas/{jobId}/download" -> ApiResponse.json(200, download(request.userId(),
                    request.pathParameter("jobId").orElse("")));
            default -> throw ApiException.noSuchRoute();
        });
    }
}
