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
import dev.persona.http.ApiEndpoint;
import dev.persona.http.ApiException;
import dev.persona.http.ApiRequest;
import dev.persona.http.ApiResponse;
import dev.persona.http.Cors;
import dev.persona.http.EntityTags;
import dev.persona.http.JsonBodyReader;
import dev.persona.profile.Profile;
import dev.persona.profile.ProfileChanges;
import dev.persona.profile.ProfileService;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /v1/me} (the profile, created on first use; {@code ETag}, 304 on {@code If-None-Match}) and
 * {@code PATCH /v1/me} (the fields given; {@code If-Match} honoured when sent).
 *
 * <p>The local runtime builds it with {@code new ProfileHandler(Environment.of(...), dynamoDb)}.
 */
public final class ProfileHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ApiEndpoint endpoint;
    private final JsonBodyReader bodies = JsonBodyReader.forSchema(RequestSchemas.UPDATE_PROFILE);
    private final ProfileService profiles;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public ProfileHandler() {
        this(Environment.system(), AwsClients.dynamoDb());
    }

    /**
     * The function's composition; registers its SnapStart priming (a twin on priming clients reads and changes a
     * profile).
     */
    public ProfileHandler(Environment environment, DynamoDbClient dynamoDb) {
        this(environment, dynamoDb, true);
    }

    private ProfileHandler(Environment environment, DynamoDbClient dynamoDb, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.profiles = ApiServices.profiles(environment, dynamoDb);
        this.priming = primed ? Priming.register(LambdaFunctions.PROFILE.id(), environment, clients -> ApiPriming.run(
                new ProfileHandler(environment, clients.dynamoDb(), false),
                PrimingEvents.api("GET", "/v1/me", Map.of(), null, null),
                PrimingEvents.api("PATCH", "/v1/me", Map.of(), null,
                        "{\"timezone\":\"Europe/Berlin\",\"bookmarksInPersona\":true}"))) : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "GET /v1/me" -> {
                String userId = request.userId();
                yield view(userId, profiles.get(userId, CallerClaims.of(request)), request)
                        .withEntityTagIfNoneMatch(request);
            }
            case "PATCH /v1/me" -> {
                String userId = request.userId();
                ProfileChanges changes = ProfileChanges.from(bodies.read(request));
                yield view(userId, profiles.update(userId, CallerClaims.of(request), changes,
                        request.header("If-Match")), request);
            }
            default -> throw ApiException.noSuchRoute();
        });
    }

    private static ApiResponse view(String userId, Profile profile, ApiRequest request) {
        return ApiResponse.json(200, ProfileService.ProfileView.of(userId, profile, CallerClaims.of(request)))
                .withHeader("ETag", EntityTags.ofRevision(profile.revision()));
    }
}
