package dev.persona.local.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import dev.persona.auth.IdentityProvider;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.StorageLayout;
import dev.persona.local.http.LoopbackHttpServer;

/**
 * The development identity issuer: an OpenID-Connect-style issuer on loopback that signs ID tokens for
 * named local users, trusted by the authorizer only when the local runtime sets {@code DEV_ISSUER_URL}
 * and {@code DEV_ISSUER_AUDIENCES} ({@link #authorizerEnvironment()}). There are no passwords: whoever
 * can reach the loopback port can be anyone, which is the point of a development issuer.
 *
 * <p>Endpoints, relative to {@link #issuerUrl()}:
 * <ul>
 *   <li>{@code GET /.well-known/openid-configuration}: the discovery document.</li>
 *   <li>{@code GET /.well-known/jwks.json}: the public signing key ({@code kid}, {@code use: sig},
 *       {@code alg: RS256}), where the authorizer looks for it.</li>
 *   <li>{@code POST /token}, form-encoded: {@code grant_type=password}, {@code username} (the user's
 *       name: 1 to 124 letters, digits, {@code _ . -}), optionally {@code client_id} (must be the
 *       audience) and {@code password} (ignored). Answers {@code {"id_token", "access_token", "token_type":
 *       "Bearer", "expires_in"}}; the access token is the ID token, which is what the API accepts as a
 *       bearer token. Errors are RFC 6749 JSON: 400 {@code {"error", "error_description"}}.</li>
 *   <li>{@code GET /authorize?response_type=id_token&redirect_uri=…&state=…&nonce=…&client_id=…}: a
 *       sign-in form asking for a name; submitting it redirects to {@code redirect_uri} with
 *       {@code #id_token=…&access_token=…&token_type=Bearer&expires_in=…&state=…} (implicit flow).
 *       Only loopback redirect URIs are accepted, so a page elsewhere cannot collect tokens.</li>
 * </ul>
 *
 * <p>Tokens: RS256 with the key's {@code kid}; claims {@code iss} (the issuer URL, exactly the
 * {@code DEV_ISSUER_URL} value), {@code sub} (the name), {@code aud}, {@code email}
 * ({@code name@persona.local}), {@code email_verified} true, {@code name}, {@code iat}, {@code nbf},
 * {@code exp}, and {@code nonce} from the browser flow. The authorizer makes the user id
 * {@code dev_{name}}.
 */
public final class DevIdentityIssuer implements AutoCloseable {

    public static final String DEFAULT_AUDIENCE = "persona-local";
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    public static final String EMAIL_DOMAIN = "persona.local";

    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/.well-known/jwks.json";
    static final String TOKEN_PATH = "/token";
    static final String AUTHORIZE_PATH = "/authorize";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Builder settings;
    private LoopbackHttpServer server;
    private RSAKey signingKey;
    private RSASSASigner signer;

    private DevIdentityIssuer(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Loads or generates the signing key and starts serving. */
    public DevIdentityIssuer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        signingKey = SigningKey.load(settings.dataDirectory);
        try {
            signer = new RSASSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("the signing key cannot sign", e);
        }
        server = LoopbackHttpServer.start("identity issuer", settings.host, settings.port, this::handle);
        return this;
    }

    /** Stops serving; safe to call twice. */
    public void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    public URI endpoint() {
        return URI.create(issuerUrl());
    }

    /** The {@code iss} of every token, and the value {@code DEV_ISSUER_URL} must have. */
    public String issuerUrl() {
        return "http://" + settings.host + ":" + port();
    }

    public String audience() {
        return settings.audience;
    }

    /** {@code DEV_ISSUER_URL} and {@code DEV_ISSUER_AUDIENCES}: what the authorizer needs to trust this issuer. */
    public Map<String, String> authorizerEnvironment() {
        return Map.of(EnvironmentVariables.DEV_ISSUER_URL, issuerUrl(),
                EnvironmentVariables.DEV_ISSUER_AUDIENCES, settings.audience);
    }

    /** The public half of the signing key, as served at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        requireStarted();
        return new JWKSet(signingKey.toPublicJWK());
    }

    /**
     * An ID token for the user {@code username}, valid from now for the configured lifetime.
     *
     * @throws IllegalArgumentException when the name cannot become a user id
     */
    public String mint(String username) {
        return mint(username, null);
    }

    private String mint(String username, String nonce) {
        requireStarted();
        if (!isValidUsername(username)) {
            throw new IllegalArgumentException(usernameRule());
        }
        Instant now = settings.clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuerUrl())
                .subject(username)
                .audience(settings.audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.tokenLifetime)))
                .claim("email", username + "@" + EMAIL_DOMAIN)
                .claim("email_verified", true)
                .claim("name", username);
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(), claims.build());
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("token could not be signed", e);
        }
        return token.serialize();
    }

    /** A name is usable when the authorizer's user id for it ({@code dev_{name}}) is a valid storage id. */
    static boolean isValidUsername(String username) {
        return username != null && !username.isEmpty()
                && StorageLayout.isValidId(IdentityProvider.DEV.userId(username));
    }

    private static String usernameRule() {
        int longest = 128 - IdentityProvider.DEV.userId("").length();
        return "username must be 1 to " + longest + " letters, digits, '_', '.' or '-'";
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            // Browser apps on another loopback origin call the token endpoint and read the key set.
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            switch (method + " " + path) {
                case "GET " + DISCOVERY_PATH -> json(exchange, 200, discovery());
                case "GET " + JWKS_PATH -> json(exchange, 200, publicKeys().toJSONObject(true));
                case "POST " + TOKEN_PATH -> token(exchange);
                case "GET " + AUTHORIZE_PATH -> signInForm(exchange, query(exchange), null);
                case "POST " + AUTHORIZE_PATH -> signIn(exchange);
                default -> json(exchange, 404, Map.of("error", "not_found",
                        "error_description", "no endpoint " + method + " " + path));
            }
        }
    }

    private Map<String, Object> discovery() {
        String issuer = issuerUrl();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("authorization_endpoint", issuer + AUTHORIZE_PATH);
        document.put("token_endpoint", issuer + TOKEN_PATH);
        document.put("jwks_uri", issuer + JWKS_PATH);
        document.put("response_types_supported", List.of("id_token"));
        document.put("response_modes_supported", List.of("fragment"));
        document.put("grant_types_supported", List.of("password", "implicit"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of(JWSAlgorithm.RS256.getName()));
        document.put("token_endpoint_auth_methods_supported", List.of("none"));
        document.put("scopes_supported", List.of("openid", "email", "profile"));
        document.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "nbf", "email",
                "email_verified", "name", "nonce"));
        return document;
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        if (form == null) {
            json(exchange, 400, error("invalid_request", "the body must be " + FORM));
            return;
        }
        if (!"password".equals(form.get("grant_type"))) {
            json(exchange, 400, error("unsupported_grant_type", "grant_type must be password"));
            return;
        }
        String clientId = form.get("client_id");
        if (clientId != null && !clientId.equals(settings.audience)) {
            json(exchange, 400, error("invalid_client", "unknown client_id " + clientId));
            return;
        }
        String username = form.get("username");
        if (!isValidUsername(username)) {
            json(exchange, 400, error("invalid_request", usernameRule()));
            return;
        }
        String idToken = mint(username);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id_token", idToken);
        body.put("access_token", idToken);
        body.put("token_type", "Bearer");
        body.put("expires_in", settings.tokenLifetime.toSeconds());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        json(exchange, 200, body);
    }

    /** Renders the form, or refuses a request whose redirect or client is not acceptable. */
    private void signInForm(HttpExchange exchange, Map<String, String> request, String problem) throws IOException {
        String refusal = refusal(request);
        if (refusal != null) {
            html(exchange, 400, LoginPage.refused(refusal));
            return;
        }
        html(exchange, problem == null ? 200 : 400, LoginPage.form(AUTHORIZE_PATH, request, problem));
    }

    private void signIn(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        if (form == null) {
            html(exchange, 400, LoginPage.refused("the form must be posted as " + FORM));
            return;
        }
        if (refusal(form) != null || !isValidUsername(form.get("username"))) {
            signInForm(exchange, form, usernameRule());
            return;
        }
        String idToken = mint(form.get("username"), form.get("nonce"));
        Map<String, String> fragment = new LinkedHashMap<>();
        fragment.put("id_token", idToken);
        fragment.put("access_token", idToken);
        fragment.put("token_type", "Bearer");
        fragment.put("expires_in", Long.toString(settings.tokenLifetime.toSeconds()));
        if (form.get("state") != null) {
            fragment.put("state", form.get("state"));
        }
        exchange.getResponseHeaders().set("Location", form.get("redirect_uri") + "#" + encode(fragment));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    /** Why an authorization request cannot be served, or null when it can. */
    private String refusal(Map<String, String> request) {
        String responseType = request.get("response_type");
        if (responseType == null || !List.of(responseType.split(" ")).contains("id_token")) {
            return "response_type must include id_token";
        }
        String clientId = request.get("client_id");
        if (clientId != null && !clientId.equals(settings.audience)) {
            return "unknown client_id " + clientId;
        }
        String redirect = request.get("redirect_uri");
        if (redirect == null || !isLoopbackUrl(redirect)) {
            return "redirect_uri must be an http(s) URL on localhost, 127.0.0.1 or [::1]";
        }
        return null;
    }

    private static boolean isLoopbackUrl(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getFragment() == null
                    && ("localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Map<String, String> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        return decode(exchange.getRequestURI().getRawQuery());
    }

    /** The form fields of a form-encoded body, or null when the body is of another type. */
    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(FORM)) {
            return null;
        }
        try (InputStream body = exchange.getRequestBody()) {
            return decode(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Form-encoded pairs; the first value of a repeated name wins. */
    private static Map<String, String> decode(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static String encode(Map<String, String> fields) {
        StringBuilder encoded = new StringBuilder();
        fields.forEach((name, value) -> {
            if (!encoded.isEmpty()) {
                encoded.append('&');
            }
            encoded.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return encoded.toString();
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        send(exchange, status, "application/json", bytes);
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Settings with defaults: loopback, a free port, audience {@value #DEFAULT_AUDIENCE}, tokens valid for
     * one hour, a new signing key at every start (no data directory), the system clock.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String audience = DEFAULT_AUDIENCE;
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private Path dataDirectory;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The {@code aud} of every token: one of the authorizer's {@code DEV_ISSUER_AUDIENCES}. */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience);
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("token lifetime must be positive");
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        /** Keep the signing key in this folder, so tokens stay valid across restarts. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The clock tokens are dated by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public DevIdentityIssuer build() {
            return new DevIdentityIssuer(this);
        }
    }
}
