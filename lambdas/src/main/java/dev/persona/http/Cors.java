package dev.persona.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;

/**
 * CORS response headers for the browser origins in {@code ALLOWED_ORIGINS}, added to every response
 * including errors: a browser hides the body of a cross-origin response without them, so the user
 * would never see why a request failed. Preflight requests are answered by API Gateway itself.
 */
public final class Cors {

    /** Response headers a browser script may read. */
    static final String EXPOSED_HEADERS = "ETag, Retry-After, Location";

    private final Set<String> origins;
    private final boolean anyOrigin;

    private Cors(List<String> origins) {
        for (String origin : origins) {
            if (!origin.equals("*") && !isOrigin(origin)) {
                throw new IllegalStateException("environment variable " + EnvironmentVariables.ALLOWED_ORIGINS
                        + " holds something that is not an origin (scheme://host[:port]): " + origin);
            }
        }
        this.anyOrigin = origins.contains("*");
        this.origins = Set.copyOf(origins);
    }

    public static Cors fromEnvironment(Environment environment) {
        return new Cors(environment.list(EnvironmentVariables.ALLOWED_ORIGINS));
    }

    public static Cors allowing(List<String> origins) {
        return new Cors(origins);
    }

    /** The headers for a request from {@code origin} (null when the request named none). */
    public Map<String, String> headersFor(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (anyOrigin) {
            headers.put("Access-Control-Allow-Origin", "*");
        } else {
            // The answer depends on the Origin header, so shared caches must key on it.
            headers.put("Vary", "Origin");
            if (origin == null || !origins.contains(origin)) {
                return headers;
            }
            headers.put("Access-Control-Allow-Origin", origin);
        }
        headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        return headers;
    }

    private static boolean isOrigin(String value) {
        try {
            URI uri = URI.create(value);
            return uri.getScheme() != null && uri.getHost() != null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
