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
 * {@code GET /v1/personas/latest} and {@code GET /v1/personas/{jobId}}: the persona document exactly as
 * the build-persona step stored it, with a strong {@code ETag}.
 *
 * <p>The local runtime builds it with {@code new PersonasHandler(Environment.of(...), dynamoDb, s3)}.
 */
public final class PersonasHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ApiEndpoint endpoint;
    private final PersonaService personas;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public PersonasHandler() {
        this(Environment.system());
    }

    private PersonasHandler(Environment environment) {
        this(environment, AwsClients.dynamoDb(), AwsClients.s3());
    }

    /** The function's composition; registers its SnapStart priming (a twin on priming clients reads personas). */
    public PersonasHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        this(environment, dynamoDb, s3, true);
    }

    private PersonasHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.personas = ApiServices.personas(environment, dynamoDb, s3);
        this.priming = primed ? Priming.register(LambdaFunctions.PERSONAS.id(), environment, clients -> ApiPriming.run(
                new PersonasHandler(environment, clients.dynamoDb(), clients.s3(), false),
                PrimingEvents.api("GET", "/v1/personas/latest", Map.of(), null, null),
                PrimingEvents.api("GET", "/v1/personas/{jobId}", Map.of("jobId", PrimingEvents.JOB_ID), null, null)))
                : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "GET /v1/personas/latest" -> ApiResponse.jsonText(200, personas.latest(request.userId()))
                    .withEntityTag(request);
            case "GET /v1/personas/{jobId}" -> ApiResponse.jsonText(200,
                    personas.forJob(request.userId(), request.pathParameter("jobId").orElse("")))
                    .withEntityTag(request);
            default -> throw ApiException.noSuchRoute();
        });
    }
}
