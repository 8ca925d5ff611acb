package dev.persona.auth;

import java.time.Clock;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.persona.config.Environment;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.OperationalMetrics;
import dev.persona.logging.LogContext;
import dev.persona.logging.StructuredLogger;
import dev.persona.metrics.BusinessMetrics;
import dev.persona.metrics.ColdStart;
import dev.persona.snapstart.Priming;

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
    private final BusinessMetrics metrics = BusinessMetrics.standard();
    private final ColdStart coldStart = new ColdStart();
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    /** Lambda's constructor: configuration from the process environment. */
    public GoogleJwtAuthorizerHandler() {
        this(Environment.system());
    }

    /**
     * Trusted issuers and algorithms from {@code environment}; keys fetched over HTTP, at construction, or after the
     * restore when this init ends in a SnapStart snapshot: the snapshot then holds no connection and no key set
     * that may have rotated by the time it is restored. Its priming verifies a token signed by a key made for it,
     * through a verifier over the same issuers, and no issuer is called.
     */
    public GoogleJwtAuthorizerHandler(Environment environment) {
        this(new JwtVerifier(TrustedIssuers.fromEnvironment(environment), TrustedIssuers.allowedAlgorithms(environment),
                new HttpJwkSetFetcher(), Clock.systemUTC()), environment);
    }

    private GoogleJwtAuthorizerHandler(JwtVerifier verifier, Environment environment) {
        this.verifier = verifier;
        if (!Priming.isSnapshotInit(environment)) {
            warmUp(verifier);
        }
        this.priming = Priming.register(LambdaFunctions.AUTHORIZER.id(), environment,
                clients -> primeWithOwnToken(environment), () -> warmUp(verifier));
    }

    /** A prepared verifier (tests: their own issuers, key server and clock). Warms it up now. */
    public GoogleJwtAuthorizerHandler(JwtVerifier verifier) {
        this.verifier = verifier;
        this.priming = null;
        warmUp(verifier);
    }

    private static void warmUp(JwtVerifier verifier) {
        verifier.warmUp();
        // Loads the policy and event classes now rather than on the first request.
        StagePolicy.allow(new AuthenticatedUser("warm-up", null, IdentityProvider.DEV), WARM_UP_METHOD_ARN);
    }

    /** A twin over the same issuers, whose key set is one key made now, authorizes a token that key signed. */
    private static void primeWithOwnToken(Environment environment) throws Exception {
        VerifierPriming.SignedToken token = VerifierPriming.tokenForFirstIssuer(
                TrustedIssuers.fromEnvironment(environment), TrustedIssuers.allowedAlgorithms(environment));
        GoogleJwtAuthorizerHandler twin = new GoogleJwtAuthorizerHandler(token.verifier());
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn(WARM_UP_METHOD_ARN + "v1/jobs");
        event.setHeaders(Map.of(ApiRoutes.AUTHORIZATION_HEADER, BEARER + token.token()));
        try {
            twin.handleRequest(event, null);
        } catch (UnauthorizedException e) {
            throw new IllegalStateException("the priming token, signed by the priming key, was refused", e);
        }
    }

    /** The SnapStart priming registered by the environment's constructor (null for a prepared verifier). */
    public Priming priming() {
        return priming;
    }

    @Override
    @SuppressWarnings("try") // the log scopes are only opened and closed
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        coldStart.invoked(metrics.during(context), context == null ? null : context.getFunctionName());
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
                denied(context, e.reason().name());
                throw new UnauthorizedException();
            } catch (RuntimeException e) {
                LOG.error("authorizer failed; answering Unauthorized", e);
                denied(context, "AUTHORIZER_FAILURE");
                throw new UnauthorizedException();
            }
        }
    }

    /** A denial, by its reason (a fixed set of names, so a low-cardinality dimension). */
    private void denied(Context context, String reason) {
        metrics.during(context).count(OperationalMetrics.AUTHORIZER_DENIALS, 1,
                Map.of(OperationalMetrics.REASON, reason));
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
