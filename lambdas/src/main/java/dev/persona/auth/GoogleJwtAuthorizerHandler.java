package dev.persona.auth;

import java.time.Clock;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.persona.config.Environment;
import dev.persona.contracts.ApiRoutes;
import dev.persona.logging.LogContext;
import dev.persona.logging.StructuredLogger;

/**
 * The API's REQUEST authorizer: verifies the bearer token of the {@code Authorization} header
 * ({@link JwtVerifier}) and answers with a policy allowing the whole stage ({@link StagePolicy}) and
 * the caller in the context ({@code userId}, {@code email}, {@code provider}). Any failure, expected or
 * not, ends in the error message {@code Unauthorized}, which API Gateway turns into a 401: never a 500.
 *
 * <p>Construction fetches every trusted issuer's keys and warms the verification path, so the first
 * request pays for neither. The local runtime builds it with {@code new
 * GoogleJwtAuthorizerHandler(Environment.of(Map.of("DEV_ISSUER_URL", ..., "DEV_ISSUER_AUDIENCES", ...)))}.
 */
public final class GoogleJwtAuthorizerHandler
        implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

    private static final StructuredLogger LOG = StructuredLogger.of(GoogleJwtAuthorizerHandler.class);
    private static final String BEARER = "Bearer ";
    private static final String WARM_UP_METHOD_ARN = "arn:aws:execute-api:us-east-1:000000000000:api/stage/GET/";

    private final JwtVerifier verifier;

    /** Lambda's constructor: configuration from the process environment. */
    public GoogleJwtAuthorizerHandler() {
        this(Environment.system());
    }

    /** Trusted issuers and algorithms from {@code environment}; keys fetched over HTTP. */
    public GoogleJwtAuthorizerHandler(Environment environment) {
        this(new JwtVerifier(TrustedIssuers.fromEnvironment(environment), TrustedIssuers.allowedAlgorithms(environment),
                new HttpJwkSetFetcher(), Clock.systemUTC()));
    }

    /** A prepared verifier (tests: their own issuers, key server and clock). Warms it up now. */
    public GoogleJwtAuthorizerHandler(JwtVerifier verifier) {
        this.verifier = verifier;
        verifier.warmUp();
        // Loads the policy and event classes now rather than on the first request.
        StagePolicy.allow(new AuthenticatedUser("warm-up", null, IdentityProvider.DEV), WARM_UP_METHOD_ARN);
    }

    @Override
    @SuppressWarnings("try") // the log scopes are only opened and closed
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String requestId = event.getRequestContext() != null ? event.getRequestContext().getRequestId() : null;
        try (LogContext scope = LogContext.with("requestId", requestId)) {
            try {
                AuthenticatedUser user = verifier.verify(bearerToken(event.getHeaders()));
                try (LogContext identified = LogContext.with("userId", user.userId())) {
                    LOG.info("token accepted", "provider", user.provider().wireName());
                }
                return StagePolicy.allow(user, event.getMethodArn());
            } catch (TokenRejectedException e) {
                LOG.info("token rejected", "reason", e.reason().name());
                throw new UnauthorizedException();
            } catch (RuntimeException e) {
                LOG.error("authorizer failed; answering Unauthorized", e);
                throw new UnauthorizedException();
            }
        }
    }

    /** The token after {@code Bearer } in the Authorization header (any case of name and scheme). */
    static String bearerToken(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String value = header.getValue();
            if (header.getKey().equalsIgnoreCase(ApiRoutes.AUTHORIZATION_HEADER) && value != null
                    && value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return value.substring(BEARER.length()).trim();
            }
        }
        return null;
    }

    /** The one failure API Gateway maps to 401: its message must be exactly {@code Unauthorized}. */
    static final class UnauthorizedException extends RuntimeException {

        UnauthorizedException() {
            super("Unauthorized", null, false, false);
        }
    }
}
