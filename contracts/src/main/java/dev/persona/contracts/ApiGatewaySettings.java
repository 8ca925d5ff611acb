package dev.persona.contracts;

import java.time.Duration;
import java.util.List;

/**
 * What API Gateway itself does with a request before a handler sees it, beyond the route table and the
 * gateway responses: how long an authorizer decision is reused and how CORS preflights are answered. The
 * CDK app configures the deployed API with these values and the local gateway behaves by them.
 */
public final class ApiGatewaySettings {

    /** How long the authorizer's decision for one {@code Authorization} header (its identity source) is reused. */
    public static final Duration AUTHORIZER_CACHE_TTL = Duration.ofMinutes(5);

    /** Request headers a browser may send cross-origin: the preflight's {@code Access-Control-Allow-Headers}. */
    public static final List<String> PREFLIGHT_ALLOWED_HEADERS =
            List.of(ApiRoutes.AUTHORIZATION_HEADER, "Content-Type", "If-None-Match", "If-Match");

    /** The preflight's {@code Access-Control-Expose-Headers}. */
    public static final List<String> PREFLIGHT_EXPOSED_HEADERS = List.of("ETag");

    /** How long a browser may reuse a preflight answer: the preflight's {@code Access-Control-Max-Age}. */
    public static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

    private ApiGatewaySettings() {
    }
}
