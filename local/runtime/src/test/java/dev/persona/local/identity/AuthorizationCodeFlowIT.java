package dev.persona.local.identity;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.persona.auth.GoogleJwtAuthorizerHandler;
import dev.persona.config.Environment;
import dev.persona.local.sts.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.persona.local.identity.IssuerProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser sign-in as the web app performs it against Cognito: authorization code with PKCE (S256), state and
 * nonce, exact callback URLs, single-use codes, refresh and revocation, sign-out.
 */
class AuthorizationCodeFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String APP = "http://127.0.0.1:8123";
    private static final String CALLBACK = APP + "/auth/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    /** RFC 7636 appendix B: the S256 challenge of the verifier above. */
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final MutableClock clock = new MutableClock();
    private DevIdentityIssuer issuer;

    @BeforeEach
    void start() {
        issuer = DevIdentityIssuer.builder()
                .client(AppClient.webApp("persona-local", List.of(APP), "/auth/callback", "/"))
                .clock(clock)
                .build().start();
    }

    @AfterEach
    void stop() {
        issuer.stop();
    }

    @Test
    void pkceMatchesTheRfcExample() {
        assertThat(Pkce.challenge(VERIFIER)).isEqualTo(CHALLENGE);
        assertThat(Pkce.matches(VERIFIER, CHALLENGE)).isTrue();
        assertThat(Pkce.matches(VERIFIER.replace('d', 'e'), CHALLENGE)).isFalse();
        assertThat(Pkce.matches("short", Pkce.challenge("short"))).as("verifiers have 43 to 128 characters").isFalse();
    }

    @Test
    void aCodeBecomesTokensWithTheNonceOnceAndTheSessionRefreshesUntilRevoked() throws Exception {
        HttpResponse<String> page = get("/oauth2/authorize?" + authorization(Map.of("identity_provider", "Google")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/oauth2/authorize\">")
                .contains("name=\"code_challenge\" value=\"" + CHALLENGE + "\"")
                .contains("name=\"state\" value=\"st&lt;1&gt;\"").doesNotContain("st<1>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'").contains("form-action 'self' " + APP).contains("frame-ancestors 'none'");

        Map<String, String> callback = signIn(authorization(Map.of()), "dora");
        assertThat(callback).containsEntry("state", "st<1>").containsKey("code");

        HttpResponse<String> tokens = post("/oauth2/token", exchange(callback.get("code"), VERIFIER, CALLBACK));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        JsonNode body = JSON.readTree(tokens.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        JWTClaimsSet id = SignedJWT.parse(body.get("id_token").asText()).getJWTClaimsSet();
        assertThat(id.getSubject()).isEqualTo("dora");
        assertThat(id.getAudience()).containsExactly("persona-local");
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-42");
        assertThat(id.getStringClaim("token_use")).isEqualTo("id");
        assertThat(id.getLongClaim("auth_time")).isEqualTo(clock.instant().getEpochSecond());
        JWTClaimsSet access = SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
        assertThat(access.getStringClaim("scope")).isEqualTo("openid email");
        assertThat(access.getStringClaim("client_id")).isEqualTo("persona-local");

        GoogleJwtAuthorizerHandler authorizer = new GoogleJwtAuthorizerHandler(
                Environment.of(issuer.authorizerEnvironment()));
        assertThat(DevIdentityIssuerIT.authorize(authorizer, body.get("id_token").asText()).getPrincipalId())
                .isEqualTo("dev_dora");

        String refreshToken = body.get("refresh_token").asText();
        clock.advance(Duration.ofMinutes(70));
        HttpResponse<String> renewed = post("/oauth2/token", form(Map.of("grant_type", "refresh_token",
                "client_id", "persona-local", "refresh_token", refreshToken)));
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        JsonNode renewedBody = JSON.readTree(renewed.body());
        assertThat(renewedBody.has("refresh_token")).as("no rotation, as Cognito by default").isFalse();
        JWTClaimsSet renewedId = SignedJWT.parse(renewedBody.get("id_token").asText()).getJWTClaimsSet();
        assertThat(renewedId.getIssueTime().toInstant()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        assertThat(renewedId.getLongClaim("auth_time")).as("still the sign-in's time")
                .isEqualTo(id.getLongClaim("auth_time"));

        HttpResponse<String> revoked = post("/oauth2/revoke", form(Map.of("token", refreshToken,
                "client_id", "persona-local")));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).isEmpty();
        HttpResponse<String> afterRevocation = post("/oauth2/token", form(Map.of("grant_type", "refresh_token",
                "client_id", "persona-local", "refresh_token", refreshToken)));
        assertProblem(afterRevocation, 400, "invalid_grant");
        assertThat(post("/oauth2/revoke", form(Map.of("token", refreshToken, "client_id", "persona-local")))
                .statusCode()).as("revoking twice is not an error (RFC 7009)").isEqualTo(200);
        assertProblem(post("/oauth2/revoke", form(Map.of("token", body.get("id_token").asText(),
                "client_id", "persona-local"))), 400, "unsupported_token_type");
    }

    @Test
    void aCodeIsRedeemedOnceAndItsReplayRevokesTheSessionItStarted() throws Exception {
        String code = signIn(authorization(Map.of()), "erin").get("code");
        JsonNode first = JSON.readTree(post("/oauth2/token", exchange(code, VERIFIER, CALLBACK)).body());

        assertProblem(post("/oauth2/token", exchange(code, VERIFIER, CALLBACK)), 400, "invalid_grant");
        assertProblem(post("/oauth2/token", form(Map.of("grant_type", "refresh_token", "client_id", "persona-local",
                "refresh_token", first.get("refresh_token").asText()))), 400, "invalid_grant");
    }

    @Test
    void theVerifierTheRedirectAndTheCodesAgeAreChecked() throws Exception {
        String wrongVerifier = signIn(authorization(Map.of()), "finn").get("code");
        assertProblem(post("/oauth2/token", exchange(wrongVerifier, VERIFIER.replace('d', 'x'), CALLBACK)),
                400, "invalid_grant");
        assertProblem(post("/oauth2/token", exchange(wrongVerifier, VERIFIER, CALLBACK)), 400, "invalid_grant");

        String otherRedirect = signIn(authorization(Map.of()), "finn").get("code");
        assertProblem(post("/oauth2/token", exchange(otherRedirect, VERIFIER, APP + "/elsewhere")), 400,
                "invalid_grant");

        String late = signIn(authorization(Map.of()), "finn").get("code");
        clock.advance(Duration.ofMinutes(5));
        assertProblem(post("/oauth2/token", exchange(late, VERIFIER, CALLBACK)), 400, "invalid_grant");

        assertProblem(post("/oauth2/token", form(Map.of("grant_type", "authorization_code", "code", "made-up",
                "client_id", "persona-local", "redirect_uri", CALLBACK, "code_verifier", VERIFIER))), 400,
                "invalid_grant");
        assertProblem(post("/oauth2/token", form(Map.of("grant_type", "authorization_code", "code", "x",
                "client_id", "another-client", "redirect_uri", CALLBACK, "code_verifier", VERIFIER))), 400,
                "invalid_client");
        assertProblem(post("/oauth2/token", form(Map.of("grant_type", "authorization_code",
                "client_id", "persona-local", "redirect_uri", CALLBACK))), 400, "invalid_request");
    }

    @Test
    void anUnknownClientOrCallbackGetsAnErrorPageAndNoRedirect() throws Exception {
        for (Map<String, String> change : List.of(
                Map.of("redirect_uri", "https://attacker.example/auth/callback"),
                Map.of("redirect_uri", CALLBACK + "/"),
                Map.of("redirect_uri", "http://localhost:8123/auth/callback"),
                Map.of("client_id", "someone-else"))) {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl()
                            + "/oauth2/authorize?" + authorization(change))).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(change.toString()).isEqualTo(400);
            assertThat(page.headers().firstValue("Location")).isEmpty();
            assertThat(page.body()).doesNotContain("<form");

            Map<String, String> submitted = new LinkedHashMap<>(parameters(change));
            submitted.put("username", "eve");
            HttpResponse<String> posted = post("/oauth2/authorize", form(submitted));
            assertThat(posted.statusCode()).as(change.toString()).isEqualTo(400);
            assertThat(posted.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void otherAuthorizationErrorsGoBackToTheCallbackWithTheState() throws Exception {
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("response_type", "token"), "unsupported_response_type",
                Map.of("code_challenge_method", "plain"), "invalid_request",
                Map.of("code_challenge", "too-short"), "invalid_request",
                Map.of("scope", "openid admin"), "invalid_scope",
                Map.of("identity_provider", "Facebook"), "invalid_request");
        for (Map.Entry<Map<String, String>, String> entry : cases.entrySet()) {
            HttpResponse<String> response = get("/oauth2/authorize?" + authorization(entry.getKey()));
            assertThat(response.statusCode()).as(entry.getKey().toString()).isEqualTo(302);
            Map<String, String> query = query(response.headers().firstValue("Location").orElseThrow(), CALLBACK);
            assertThat(query).as(entry.getKey().toString()).containsEntry("error", entry.getValue())
                    .containsEntry("state", "st<1>").doesNotContainKey("code");
        }
    }

    @Test
    void aBadNameShowsTheFormAgainAndSignOutReturnsOnlyToARegisteredUrl() throws Exception {
        Map<String, String> submitted = new LinkedHashMap<>(parameters(Map.of()));
        submitted.put("username", "not valid");
        HttpResponse<String> again = post("/oauth2/authorize", form(submitted));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("<form").contains("username must be").contains("aria-invalid=\"true\"");

        HttpResponse<String> logout = get("/logout?client_id=persona-local&logout_uri="
                + URLEncoder.encode(APP + "/", StandardCharsets.UTF_8));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).contains(APP + "/");
        assertThat(get("/logout?client_id=persona-local&logout_uri="
                + URLEncoder.encode("https://attacker.example/", StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    }

    // ---- the browser's side ----

    private static Map<String, String> parameters(Map<String, String> changes) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", "persona-local");
        parameters.put("redirect_uri", CALLBACK);
        parameters.put("state", "st<1>");
        parameters.put("nonce", "n-42");
        parameters.put("scope", "openid email");
        parameters.put("code_challenge", CHALLENGE);
        parameters.put("code_challenge_method", "S256");
        parameters.putAll(changes);
        return parameters;
    }

    private static String authorization(Map<String, String> changes) {
        return form(parameters(changes));
    }

    /** Submits the sign-in form as the issuer's page does and returns the callback's query. */
    private Map<String, String> signIn(String authorization, String username) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl()
                        + "/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", issuer.issuerUrl())
                .POST(HttpRequest.BodyPublishers.ofString(authorization + "&username=" + username)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return query(response.headers().firstValue("Location").orElseThrow(), CALLBACK);
    }

    private static Map<String, String> query(String location, String expectedBase) {
        assertThat(location).startsWith(expectedBase + "?");
        return IssuerExchange.decode(URI.create(location).getRawQuery());
    }

    private static String exchange(String code, String verifier, String redirect) {
        return form(Map.of("grant_type", "authorization_code", "code", code, "client_id", "persona-local",
                "redirect_uri", redirect, "code_verifier", verifier));
    }

    private static String form(Map<String, String> fields) {
        return IssuerExchange.encode(new LinkedHashMap<>(fields));
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request of the app's page: from its origin. */
    private HttpResponse<String> post(String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", path.equals("/oauth2/authorize") ? issuer.issuerUrl() : APP)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
