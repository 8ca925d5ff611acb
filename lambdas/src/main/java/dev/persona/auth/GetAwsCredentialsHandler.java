package dev.persona.auth;

import java.time.Duration;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.aws.AwsClients;
import dev.persona.aws.StsCredentialsIssuer;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.ApiException;
import dev.persona.http.ApiResponse;
import dev.persona.http.Cors;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code GET /v1/credentials}: temporary credentials of the uploader role ({@code UPLOADER_ROLE_ARN})
 * that can only put objects (and manage their multipart uploads) below the caller's
 * {@code uploads/{userId}/}, for {@code CREDENTIALS_DURATION_SECONDS} (900 by default).
 *
 * <p>The Lambda role's credentials are themselves a role session, so this is role chaining, which STS
 * caps at one hour: the duration must lie between 900 and 3600 seconds (and within the uploader role's
 * maximum session duration). The uploader role must trust this function's role for
 * {@code sts:AssumeRole}, {@code sts:TagSession} and {@code sts:SetSourceIdentity}.
 *
 * <p>The local runtime builds it with {@code new GetAwsCredentialsHandler(Environment.of(...), stsClient)}.
 */
public final class GetAwsCredentialsHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final long MIN_DURATION_SECONDS = 900;
    static final long MAX_CHAINED_DURATION_SECONDS = 3600;

    private final ApiEndpoint endpoint;
    private final UploadCredentialsService credentials;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public GetAwsCredentialsHandler() {
        this(Environment.system(), AwsClients.sts());
    }

    /**
     * The function's composition; registers its SnapStart priming: a twin on a priming STS client vends credentials
     * (placeholder ones: priming never holds a real credential).
     */
    public GetAwsCredentialsHandler(Environment environment, StsClient sts) {
        this(environment, sts, true);
    }

    private GetAwsCredentialsHandler(Environment environment, StsClient sts, boolean primed) {
        String roleArn = environment.required(EnvironmentVariables.UPLOADER_ROLE_ARN);
        long seconds = environment.longValue(EnvironmentVariables.CREDENTIALS_DURATION_SECONDS, MIN_DURATION_SECONDS);
        if (seconds < MIN_DURATION_SECONDS || seconds > MAX_CHAINED_DURATION_SECONDS) {
            throw new IllegalStateException(EnvironmentVariables.CREDENTIALS_DURATION_SECONDS + " must be between "
                    + MIN_DURATION_SECONDS + " and " + MAX_CHAINED_DURATION_SECONDS + ", not " + seconds);
        }
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.credentials = new UploadCredentialsService(
                new StsCredentialsIssuer(sts, roleArn),
                UploadSessionPolicy.partitionOf(roleArn),
                environment.required(EnvironmentVariables.UPLOADS_BUCKET),
                sts.serviceClientConfiguration().region().id(),
                Duration.ofSeconds(seconds));
        this.priming = primed ? Priming.register(LambdaFunctions.GET_AWS_CREDENTIALS.id(), environment,
                clients -> ApiPriming.run(new GetAwsCredentialsHandler(environment, clients.sts(), false),
                        PrimingEvents.api("GET", "/v1/credentials", Map.of(), null, null))) : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "GET /v1/credentials" -> ApiResponse.json(200, credentials.issue(request.userId()));
            default -> throw ApiException.noSuchRoute();
        });
    }
}
