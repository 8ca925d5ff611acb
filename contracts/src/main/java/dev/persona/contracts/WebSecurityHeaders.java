package dev.persona.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The security headers of the web app, sent on every response of the site: by CloudFront's response headers
 * policy in the cloud and by the local runtime's site at {@code /}. Both read the values from here, so the app
 * is tested locally under the policy it is deployed with.
 *
 * <p>The content security policy allows nothing inline (no {@code 'unsafe-inline'}, no {@code 'unsafe-eval'}):
 * scripts and styles come from the site's own files only. The app talks to its own origin (the API under
 * {@code /v1}, {@code config.json}) and to the services named by {@link #contentSecurityPolicy(List)}'s
 * argument: the sign-in domain's token endpoint and the uploads bucket.
 */
public final class WebSecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    /** Never shown in a frame ({@code frame-ancestors 'none'} says the same to browsers that read the CSP). */
    public static final String FRAME_OPTIONS = "DENY";
    public static final String REFERRER_POLICY = "strict-origin-when-cross-origin";
    public static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()";
    public static final String CROSS_ORIGIN_OPENER_POLICY = "same-origin";

    private WebSecurityHeaders() {
    }

    /**
     * The content security policy of the site.
     *
     * @param connectSources origins the app calls besides its own, each {@code scheme://host[:port]} (or a CDK
     *                       token standing for one)
     */
    public static String contentSecurityPolicy(List<String> connectSources) {
        List<String> connect = new ArrayList<>(List.of("'self'"));
        for (String source : connectSources) {
            Objects.requireNonNull(source, "connect source");
            if (source.isBlank() || source.contains(";") || source.contains(" ")) {
                throw new IllegalArgumentException("not a CSP source expression: '" + source + "'");
            }
            connect.add(source);
        }
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data: blob: https://*.googleusercontent.com",
                "font-src 'self'",
                "connect-src " + String.join(" ", connect),
                "form-action 'self'",
                "frame-ancestors 'none'",
                "base-uri 'self'",
                "object-src 'none'");
    }
}
