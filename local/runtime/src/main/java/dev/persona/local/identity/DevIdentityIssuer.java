package dev.persona.local.identity;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

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

import static dev.persona.local.identity.IssuerExchange.html;
import static dev.persona.local.identity.IssuerExchange.json;
import static dev.persona.local.identity.IssuerExchange.problem;

/**
 * The development identity issuer: an OpenID Connect issuer on loopback that stands in for the Cognito user
 * pool's domain. It signs ID tokens for named local users, trusted by the authorizer only when the local
 * runtime sets {@code DEV_ISSUER_URL} and {@code DEV_ISSUER_AUDIENCES} ({@link #authorizerEnvironment()}). There
 * are no passwords: whoever can reach the loopback port can be anyone, which is the point of a development
 * issuer.
 *
 * <p>The browser endpoints behave as Cognito's do for a public app client ({@link AppClient}) with the
 * authorization code grant, so the web app signs in with the same code in both places:
 * <ul>
 *   <li>{@code GET /oauth2/authorize?response_type=code&client_id&redirect_uri&state&nonce&scope&code_challenge
 *       &code_challenge_method=S256[&identity_provider]}: a sign-in page asking for a name. An unknown client or a
 *       {@code redirect_uri} that is not exactly one of the client's callback URLs gets an error page and no
 *       redirect; any other error is sent to the callback as {@code ?error=…&error_description=…&state=…}.
 *       Submitting the page redirects to the callback with {@code ?code=…&state=…}. PKCE with {@code S256} is
 *       required (Cognito makes it optional for public clients; the app always sends it).</li>
 *   <li>{@code POST /oauth2/token}: {@code grant_type=authorization_code} with {@code code}, {@code client_id},
 *       {@code redirect_uri} (the authorization request's) and {@code code_verifier}; codes are valid for five
 *       minutes and once. Answers {@code id_token}, {@code access_token}, {@code refresh_token},
 *       {@code token_type}, {@code expires_in}. {@code grant_type=refresh_token} renews the ID and access tokens of
 *       a live session. {@code grant_type=password&username=alice} (development only; Cognito's endpoint has no
 *       such grant) mints tokens for scripts.</li>
 *   <li>{@code POST /oauth2/revoke} with {@code token} (a refresh token) and {@code client_id}: ends the
 *       session; its refresh token no longer renews. 200 with an empty body, as Cognito answers.</li>
 *   <li>{@code GET /logout?client_id&logout_uri}: redirects to {@code logout_uri}, which must be one of the
 *       client's sign-out URLs.</li>
 *   <li>{@code GET /.well-known/openid-configuration} and {@code GET /.well-known/jwks.json}: the discovery
 *       document and the public signing key ({@code kid}, {@code use: sig}, {@code alg: RS256}).</li>
 * </ul>
 * {@code /authorize} and {@code /token} are the same endpoints under shorter names.
 *
 * <p>Hardening: scripts may call the token and revocation endpoints only from the client's allowed origins
 * (others get 403, with no {@code Access-Control-Allow-Origin}); the sign-in form may be posted only from the
 * issuer's own page; forms are read up to {@value IssuerExchange#MAX_FORM_BYTES} bytes (413 beyond, decided
 * from {@code Content-Length} before reading); a malformed encoding or a repeated parameter is a 400. Every
 * error a script can receive is {@code application/problem+json} with the OAuth {@code error} and
 * {@code error_description} members.
 *
 * <p>Tokens: RS256 with the key's {@code kid}. The ID token has {@code iss} (exactly the {@code DEV_ISSUER_URL}
 * value), {@code sub} (the name), {@code aud} (the client id), {@code token_use: id}, {@code email}
 * ({@code name@persona.local}), {@code email_verified}, {@code name}, {@code auth_time}, {@code iat},
 * {@code nbf}, {@code exp}, {@code jti} and the {@code nonce} of the authorization request. The access token has
 * {@code token_use: access}, {@code client_id}, {@code scope} and {@code username} instead of the audience and
 * profile claims. The authorizer makes the user id {@code dev_{name}}.
 */
public final class DevIdentityIssuer implements AutoCloseable {

    public static final String DEFAULT_AUDIENCE = "persona-local";
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    /** How long a session can be renewed: the web client's refresh token validity. */
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofDays(30);
    public static final String EMAIL_DOMAIN = "persona.local";

    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/.well-known/jwks.json";
    static final String AUTHORIZE_PATH = "/oauth2/authorize";
    static final String TOKEN_PATH = "/oauth2/token";
    static final String REVOKE_PATH = "/oauth2/revoke";
    static final String LOGOUT_PATH = "/logout";
    /** The scopes the web client may ask for; none asked means all of them, as Cognito does. */
    static final List<String> SCOPES = List.of("openid", "email", "profile");
    /** The sign-in providers of the web client, for {@code identity_provider}. */
    static final Set<String> IDENTITY_PROVIDERS = Set.of("Google", "COGNITO");

    private final Builder settings;
    private final AuthorizationCodes codes = new AuthorizationCodes();
    private final RefreshTokens sessions = new RefreshTokens();
    private LoopbackHttpServer server;
    private final Object keyLock = new Object();
    private Signing signing;
    private Thread keyGeneration;

    private DevIdentityIssuer(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The key and a signer of it. */
    private record Signing(RSAKey key, RSASSASigner signer) {

        static Signing of(RSAKey key) {
            try {
                return new Signing(key, new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("the signing key cannot sign", e);
            }
        }
    }

    /**
     * Reads the signing key of the data directory, when it holds one, and starts serving. A new key is generated
     * when first needed, or ahead of that by {@link #prepareSigningKey()}: a 2048-bit RSA key takes 0.5–2 s of
     * CPU (more with only the C1 compiler), which a stack starting on a busy machine should not wait for.
     */
    public DevIdentityIssuer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        if (SigningKey.isStored(settings.dataDirectory)) {
            synchronized (keyLock) {
                signing = Signing.of(SigningKey.load(settings.dataDirectory));
            }
        }
        server = LoopbackHttpServer.start("identity issuer", settings.host, settings.port, this::handle);
        return this;
    }

    /**
     * Generates the signing key on a thread of its own unless there is one, so that the first token or key set
     * does not wait for it; a failure there is thrown to the first caller that needs the key.
     */
    public void prepareSigningKey() {
        requireStarted();
        synchronized (keyLock) {
            if (signing == null && keyGeneration == null) {
                keyGeneration = Thread.ofPlatform().daemon().name("identity-issuer-key").start(() -> {
                    try {
                        signing();
                    } catch (RuntimeException e) {
                        // Thrown again to whoever needs the key first.
                    }
                });
            }
        }
    }

    /** Stops serving, once a key being generated is done (no thread of the issuer stays behind); safe to call twice. */
    public void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        server = null;
        Thread generation;
        synchronized (keyLock) {
            generation = keyGeneration;
            keyGeneration = null;
        }
        if (generation != null) {
            try {
                generation.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The signing key and its signer: read or generated (and kept in the data directory) on first need. */
    private Signing signing() {
        synchronized (keyLock) {
            if (signing == null) {
                signing = Signing.of(SigningKey.load(settings.dataDirectory));
            }
            return signing;
        }
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

    /** The {@code iss} of every token, the value {@code DEV_ISSUER_URL} must have, and the sign-in domain. */
    public String issuerUrl() {
        return "http://" + settings.host + ":" + port();
    }

    /** The client id, which is the {@code aud} of every ID token. */
    public String audience() {
        return settings.client.clientId();
    }

    /** {@code DEV_ISSUER_URL} and {@code DEV_ISSUER_AUDIENCES}: what the authorizer needs to trust this issuer. */
    public Map<String, String> authorizerEnvironment() {
        return Map.of(EnvironmentVariables.DEV_ISSUER_URL, issuerUrl(),
                EnvironmentVariables.DEV_ISSUER_AUDIENCES, audience());
    }

    /** The public half of the signing key, as served at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        requireStarted();
        return new JWKSet(signing().key().toPublicJWK());
    }

    /**
     * An ID token for the user {@code username}, valid from now for the configured lifetime.
     *
     * @throws IllegalArgumentException when the name cannot become a user id
     */
    public String mint(String username) {
        requireStarted();
        if (!isValidUsername(username)) {
            throw new IllegalArgumentException(usernameRule());
        }
        return idToken(username, null, settings.clock.instant());
    }

    // ---- tokens ----

    private record Tokens(String idToken, String accessToken) {
    }

    private Tokens tokens(String username, String nonce, List<String> scopes, Instant authTime) {
        return new Tokens(idToken(username, nonce, authTime), accessToken(username, scopes, authTime));
    }

    private String idToken(String username, String nonce, Instant authTime) {
        JWTClaimsSet.Builder claims = baseClaims(username, authTime)
                .audience(audience())
                .claim("token_use", "id")
                .claim("email", username + "@" + EMAIL_DOMAIN)
                .claim("email_verified", true)
                .claim("name", username);
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return sign(claims.build());
    }

    private String accessToken(String username, List<String> scopes, Instant authTime) {
        return sign(baseClaims(username, authTime)
                .claim("token_use", "access")
                .claim("client_id", audience())
                .claim("scope", String.join(" ", scopes))
                .claim("username", username)
                .build());
    }

    private JWTClaimsSet.Builder baseClaims(String username, Instant authTime) {
        Instant now = settings.clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(issuerUrl())
                .subject(username)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.tokenLifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("auth_time", authTime.getEpochSecond());
    }

    private String sign(JWTClaimsSet claims) {
        Signing key = signing();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.key().getKeyID())
                .type(JOSEObjectType.JWT)
                .build(), claims);
        try {
            token.sign(key.signer());
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

    static String usernameRule() {
        int longest = 128 - IdentityProvider.DEV.userId("").length();
        return "username must be 1 to " + longest + " letters, digits, '_', '.' or '-'";
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
    }

    // ---- routing ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (OAuthError error) {
                problem(exchange, error);
            } catch (RuntimeException unexpected) {
                problem(exchange, new OAuthError(500, "server_error", "the issuer failed: " + unexpected));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        switch (path) {
            case DISCOVERY_PATH, JWKS_PATH -> {
                requireMethod(method, "GET");
                // Public documents, as Cognito serves its key set: any page may read them.
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
                json(exchange, 200, path.equals(JWKS_PATH) ? publicKeys().toJSONObject(true) : discovery());
            }
            case AUTHORIZE_PATH, "/authorize" -> {
                if (method.equals("GET")) {
                    authorize(exchange, IssuerExchange.decode(exchange.getRequestURI().getRawQuery()), null);
                } else {
                    requireMethod(method, "POST");
                    signIn(exchange);
                }
            }
            case TOKEN_PATH, "/token" -> scriptEndpoint(exchange, method, this::token);
            case REVOKE_PATH -> scriptEndpoint(exchange, method, this::revoke);
            case LOGOUT_PATH -> {
                requireMethod(method, "GET");
                logout(exchange);
            }
            default -> throw new OAuthError(404, "not_found", "no endpoint " + method + " " + path);
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new OAuthError(405, "invalid_request", "use " + allowed);
        }
    }

    private interface FormEndpoint {
        void answer(HttpExchange exchange, Map<String, String> form) throws IOException;
    }

    /**
     * An endpoint scripts call cross-origin: CORS only for the client's allowed origins, a 403 for any other
     * origin (a request without Origin comes from a program, not a page, and is served).
     */
    private void scriptEndpoint(HttpExchange exchange, String method, FormEndpoint endpoint) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        exchange.getResponseHeaders().set("Vary", "Origin");
        if (origin != null) {
            if (!settings.client.allowedOrigins().contains(origin)) {
                throw new OAuthError(403, "access_denied", "origin " + origin + " may not call this endpoint");
            }
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
        }
        if (method.equals("OPTIONS")) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
            exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        requireMethod(method, "POST");
        endpoint.answer(exchange, IssuerExchange.form(exchange));
    }

    private Map<String, Object> discovery() {
        String issuer = issuerUrl();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("authorization_endpoint", issuer + AUTHORIZE_PATH);
        document.put("token_endpoint", issuer + TOKEN_PATH);
        document.put("revocation_endpoint", issuer + REVOKE_PATH);
        document.put("end_session_endpoint", issuer + LOGOUT_PATH);
        document.put("jwks_uri", issuer + JWKS_PATH);
        document.put("response_types_supported", List.of("code"));
        document.put("grant_types_supported", List.of("authorization_code", "refresh_token", "password"));
        document.put("code_challenge_methods_supported", List.of(Pkce.METHOD));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of(JWSAlgorithm.RS256.getName()));
        document.put("token_endpoint_auth_methods_supported", List.of("none"));
        document.put("scopes_supported", SCOPES);
        document.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "nbf", "auth_time", "jti",
                "token_use", "email", "email_verified", "name", "nonce"));
        return document;
    }

    // ---- /oauth2/authorize ----

    /**
     * Validates an authorization request and shows the sign-in page, or refuses it: with an error page when the
     * client or the redirect cannot be trusted, otherwise by redirecting the error to the client.
     */
    private void authorize(HttpExchange exchange, Map<String, String> request, String problem) throws IOException {
        String untrusted = untrustedRedirect(request);
        if (untrusted != null) {
            refuse(exchange, untrusted);
            return;
        }
        OAuthError invalid = invalidAuthorization(request);
        if (invalid != null) {
            redirectError(exchange, request, invalid);
            return;
        }
        securePage(exchange);
        html(exchange, problem == null ? 200 : 400, LoginPage.form(AUTHORIZE_PATH, request, problem));
    }

    /** The form's submission: the same checks again (the hidden fields are the browser's to change), then a code. */
    private void signIn(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !ownOrigins().contains(origin)) {
            // Only the issuer's own page signs in: another site cannot post a name and collect the code.
            throw new OAuthError(403, "access_denied", "the sign-in form may only be posted from " + issuerUrl());
        }
        Map<String, String> form = IssuerExchange.form(exchange);
        String untrusted = untrustedRedirect(form);
        if (untrusted != null) {
            refuse(exchange, untrusted);
            return;
        }
        OAuthError invalid = invalidAuthorization(form);
        if (invalid != null) {
            redirectError(exchange, form, invalid);
            return;
        }
        String username = form.get("username");
        if (!isValidUsername(username)) {
            authorize(exchange, form, usernameRule());
            return;
        }
        Instant now = settings.clock.instant();
        String code = codes.issue(new AuthorizationCodes.Grant(audience(), form.get("redirect_uri"),
                form.get("code_challenge"), username, form.get("nonce"), scopes(form), now,
                now.plus(AuthorizationCodes.LIFETIME)), now);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code);
        if (form.get("state") != null) {
            answer.put("state", form.get("state"));
        }
        IssuerExchange.redirect(exchange, withQuery(form.get("redirect_uri"), answer));
    }

    private Set<String> ownOrigins() {
        return Set.of(issuerUrl(), "http://localhost:" + port());
    }

    /** Why the request's client or redirect cannot be trusted with an answer, or null. */
    private String untrustedRedirect(Map<String, String> request) {
        String clientId = request.get("client_id");
        if (clientId == null || !clientId.equals(audience())) {
            return "unknown client_id";
        }
        String redirect = request.get("redirect_uri");
        if (redirect == null || !settings.client.callbackUrls().contains(redirect)) {
            return "redirect_mismatch: redirect_uri is not one of the client's callback URLs";
        }
        return null;
    }

    /** What is wrong with an authorization request of a trusted client, or null. */
    private static OAuthError invalidAuthorization(Map<String, String> request) {
        if (!"code".equals(request.get("response_type"))) {
            return new OAuthError(400, "unsupported_response_type", "response_type must be code");
        }
        if (scopes(request) == null) {
            return new OAuthError(400, "invalid_scope", "scope may only name " + String.join(", ", SCOPES));
        }
        if (!scopes(request).contains("openid")) {
            return new OAuthError(400, "invalid_scope", "scope must include openid");
        }
        if (!Pkce.isChallenge(request.get("code_challenge"))) {
            return OAuthError.invalidRequest("code_challenge must be the S256 challenge of a code verifier");
        }
        if (!Pkce.METHOD.equals(request.get("code_challenge_method"))) {
            return OAuthError.invalidRequest("code_challenge_method must be S256");
        }
        String provider = request.get("identity_provider");
        if (provider != null && !IDENTITY_PROVIDERS.contains(provider)) {
            return OAuthError.invalidRequest("identity_provider must be one of " + IDENTITY_PROVIDERS);
        }
        return null;
    }

    /** The requested scopes (all of them when none is named), or null when one is unknown. */
    private static List<String> scopes(Map<String, String> request) {
        String scope = request.get("scope");
        if (scope == null || scope.isBlank()) {
            return SCOPES;
        }
        List<String> requested = List.of(scope.trim().split(" +"));
        return SCOPES.containsAll(requested) ? requested : null;
    }

    private void refuse(HttpExchange exchange, String reason) throws IOException {
        if (IssuerExchange.wantsHtml(exchange)) {
            securePage(exchange);
            html(exchange, 400, LoginPage.refused(reason));
        } else {
            problem(exchange, OAuthError.invalidRequest(reason));
        }
    }

    private static void redirectError(HttpExchange exchange, Map<String, String> request, OAuthError error)
            throws IOException {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error.error());
        answer.put("error_description", error.description());
        if (request.get("state") != null) {
            answer.put("state", request.get("state"));
        }
        IssuerExchange.redirect(exchange, withQuery(request.get("redirect_uri"), answer));
    }

    private static String withQuery(String url, Map<String, String> parameters) {
        return url + (url.contains("?") ? "&" : "?") + IssuerExchange.encode(parameters);
    }

    /**
     * The sign-in page runs no script, is never framed and posts only to the issuer, which then redirects to the
     * client's callback: CSP's form-action covers that redirect too, so the client's origins are named.
     */
    private void securePage(HttpExchange exchange) {
        List<String> formTargets = new ArrayList<>(List.of("'self'"));
        formTargets.addAll(settings.client.allowedOrigins());
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'self'; "
                + "form-action " + String.join(" ", formTargets) + "; frame-ancestors 'none'; base-uri 'none'");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: with no-referrer the form's own POST would carry Origin: null.
        exchange.getResponseHeaders().set("Referrer-Policy", "same-origin");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
    }

    // ---- /oauth2/token ----

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        String grantType = form.get("grant_type");
        if (grantType == null) {
            throw OAuthError.invalidRequest("grant_type is required");
        }
        Map<String, Object> body = switch (grantType) {
            case "authorization_code" -> authorizationCodeGrant(form);
            case "refresh_token" -> refreshTokenGrant(form);
            case "password" -> passwordGrant(form);
            default -> throw new OAuthError(400, "unsupported_grant_type",
                    "grant_type must be authorization_code, refresh_token or password");
        };
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        json(exchange, 200, body);
    }

    private Map<String, Object> authorizationCodeGrant(Map<String, String> form) {
        requireClient(form.get("client_id"));
        String code = required(form, "code");
        String redirect = required(form, "redirect_uri");
        String verifier = required(form, "code_verifier");
        Instant now = settings.clock.instant();
        AuthorizationCodes.Grant grant = codes.redeem(code, now, sessions::revoke);
        if (!grant.clientId().equals(form.get("client_id"))) {
            throw OAuthError.invalidGrant("the code was issued to another client");
        }
        if (!grant.redirectUri().equals(redirect)) {
            throw OAuthError.invalidGrant("redirect_uri differs from the authorization request's");
        }
        if (!Pkce.matches(verifier, grant.codeChallenge())) {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge");
        }
        String refreshToken = sessions.issue(new RefreshTokens.Session(grant.clientId(), grant.username(),
                grant.scopes(), grant.authTime(), now.plus(settings.sessionLifetime)));
        codes.exchanged(code, grant, refreshToken);
        Tokens tokens = tokens(grant.username(), grant.nonce(), grant.scopes(), grant.authTime());
        Map<String, Object> body = tokenResponse(tokens);
        body.put("refresh_token", refreshToken);
        return body;
    }

    private Map<String, Object> refreshTokenGrant(Map<String, String> form) {
        requireClient(form.get("client_id"));
        RefreshTokens.Session session = sessions.use(required(form, "refresh_token"), form.get("client_id"),
                settings.clock.instant());
        return tokenResponse(tokens(session.username(), null, session.scopes(), session.authTime()));
    }

    private Map<String, Object> passwordGrant(Map<String, String> form) {
        String clientId = form.get("client_id");
        if (clientId != null) {
            requireClient(clientId);
        }
        String username = form.get("username");
        if (!isValidUsername(username)) {
            throw OAuthError.invalidRequest(usernameRule());
        }
        return tokenResponse(tokens(username, null, SCOPES, settings.clock.instant()));
    }

    private Map<String, Object> tokenResponse(Tokens tokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id_token", tokens.idToken());
        body.put("access_token", tokens.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", settings.tokenLifetime.toSeconds());
        return body;
    }

    private void requireClient(String clientId) {
        if (clientId == null) {
            throw OAuthError.invalidRequest("client_id is required");
        }
        if (!clientId.equals(audience())) {
            throw OAuthError.invalidClient("unknown client_id");
        }
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            throw OAuthError.invalidRequest(name + " is required");
        }
        return value;
    }

    // ---- /oauth2/revoke and /logout ----

    private void revoke(HttpExchange exchange, Map<String, String> form) throws IOException {
        String token = required(form, "token");
        requireClient(form.get("client_id"));
        if (token.chars().filter(c -> c == '.').count() == 2) {
            // Cognito revokes refresh tokens only; ID and access tokens are JWTs.
            throw new OAuthError(400, "unsupported_token_type", "only refresh tokens can be revoked");
        }
        sessions.revoke(token, form.get("client_id"));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, -1);
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = IssuerExchange.decode(exchange.getRequestURI().getRawQuery());
        String clientId = query.get("client_id");
        if (clientId == null || !clientId.equals(audience())) {
            refuse(exchange, "unknown client_id");
            return;
        }
        String logoutUri = query.get("logout_uri");
        if (logoutUri == null || !settings.client.logoutUrls().contains(logoutUri)) {
            refuse(exchange, "logout_uri is not one of the client's sign-out URLs");
            return;
        }
        IssuerExchange.redirect(exchange, logoutUri);
    }

    /**
     * Settings with defaults: loopback, a free port, the app client {@value #DEFAULT_AUDIENCE} without browser
     * sign-in, tokens valid for one hour and sessions for 30 days, a new signing key at every start (no data
     * directory), the system clock.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private AppClient client = AppClient.withoutBrowserSignIn(DEFAULT_AUDIENCE);
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private Duration sessionLifetime = DEFAULT_SESSION_LIFETIME;
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

        /** The app client: its id is the {@code aud} of every ID token, one of the authorizer's audiences. */
        public Builder client(AppClient client) {
            this.client = Objects.requireNonNull(client);
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = positive(lifetime);
            return this;
        }

        /** How long a signed-in session's refresh token renews its tokens. */
        public Builder sessionLifetime(Duration lifetime) {
            this.sessionLifetime = positive(lifetime);
            return this;
        }

        private static Duration positive(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("a lifetime must be positive");
            }
            return lifetime;
        }

        /** Keep the signing key in this folder, so tokens stay valid across restarts. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The clock tokens and codes are dated by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public DevIdentityIssuer build() {
            return new DevIdentityIssuer(this);
        }
    }
}
