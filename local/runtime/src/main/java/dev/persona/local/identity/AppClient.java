package dev.persona.local.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;

/**
 * The issuer's one app client, as a Cognito user pool app client is configured: a public client (no secret)
 * with the authorization code grant, the exact URLs it may be sent back to after signing in and out, and the
 * browser origins that may call the token and revocation endpoints.
 *
 * @param clientId       the client id, which is also the {@code aud} of the ID tokens
 * @param callbackUrls   where {@code /oauth2/authorize} may redirect with a code; compared exactly, as Cognito
 *                       compares them with the app client's callback URLs
 * @param logoutUrls     where {@code /logout} may redirect; compared exactly
 * @param allowedOrigins origins ({@code scheme://host[:port]}) whose scripts may call {@code /oauth2/token} and
 *                       {@code /oauth2/revoke}
 */
public record AppClient(String clientId, List<String> callbackUrls, List<String> logoutUrls,
        List<String> allowedOrigins) {

    public AppClient {
        Objects.requireNonNull(clientId, "clientId");
        if (!clientId.matches("[A-Za-z0-9_.+-]{1,128}")) {
            throw new IllegalArgumentException("not a client id: " + clientId);
        }
        callbackUrls = List.copyOf(callbackUrls);
        logoutUrls = List.copyOf(logoutUrls);
        allowedOrigins = List.copyOf(allowedOrigins);
        callbackUrls.forEach(AppClient::requireRedirectUrl);
        logoutUrls.forEach(AppClient::requireRedirectUrl);
        allowedOrigins.forEach(AppClient::requireOrigin);
    }

    /** A client that may not sign anyone in through the browser: no callback URLs, no origins. */
    public static AppClient withoutBrowserSignIn(String clientId) {
        return new AppClient(clientId, List.of(), List.of(), List.of());
    }

    /** The app client of a web app served at {@code origins}, with its sign-in callback and signed-out paths. */
    public static AppClient webApp(String clientId, List<String> origins, String callbackPath, String signedOutPath) {
        return new AppClient(clientId,
                origins.stream().map(origin -> origin + callbackPath).toList(),
                origins.stream().map(origin -> origin + signedOutPath).toList(),
                origins);
    }

    /**
     * Cognito accepts https callback URLs, and http only for localhost; the issuer serves loopback, so it
     * accepts http(s) on localhost, 127.0.0.1 and [::1] only, without a fragment.
     */
    private static void requireRedirectUrl(String url) {
        URI uri = parse(url);
        if (!isLoopbackHttp(uri) || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("not a loopback http(s) URL without a fragment: " + url);
        }
    }

    private static void requireOrigin(String origin) {
        URI uri = parse(origin);
        if (!isLoopbackHttp(uri) || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("not a loopback origin (scheme://host[:port]): " + origin);
        }
    }

    private static boolean isLoopbackHttp(URI uri) {
        String host = uri.getHost();
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && ("localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host));
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }
}
