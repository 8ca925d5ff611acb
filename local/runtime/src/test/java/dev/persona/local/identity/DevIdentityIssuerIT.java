package dev.persona.local.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import dev.persona.auth.GoogleJwtAuthorizerHandler;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The issuer against the project's real authorizer, which fetches the issuer's keys over HTTP. */
class DevIdentityIssuerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:000000000000:api/local/GET/v1/jobs";

    @Test
    void theAuthorizerAcceptsMintedTokensAsTheDevUser() {
        try (DevIdentityIssuer issuer = DevIdentityIssuer.builder().build().start()) {
            GoogleJwtAuthorizerHandler authorizer = new GoogleJwtAuthorizerHandler(
                    Environment.of(issuer.authorizerEnvironment()));

            IamPolicyResponseV1 policy = authorize(authorizer, issuer.mint("alice"));

            assertThat(policy.getPrincipalId()).isEqualTo("dev_alice");
            assertThat(policy.getContext()).containsEntry("userId", "dev_alice")
                    .containsEntry("email", "alice@persona.local")
                    .containsEntry("provider", "dev");
        }
    }

    @Test
    void theTokenEndpointMintsAnRs256IdTokenWithTheDocumentedClaims() throws Exception {
        try (DevIdentityIssuer issuer = DevIdentityIssuer.builder().build().start()) {
            HttpResponse<String> response = post(issuer, "/token",
                    "grant_type=password&username=bob.smith-2&client_id=persona-local&password=ignored");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
            assertThat(body.has("refresh_token")).as("the password grant starts no session").isFalse();
            var access = SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
            assertThat(access.getStringClaim("token_use")).isEqualTo("access");
            assertThat(access.getStringClaim("client_id")).isEqualTo("persona-local");
            assertThat(access.getAudience()).as("access tokens name the client, not an audience").isEmpty();

            SignedJWT token = SignedJWT.parse(body.get("id_token").asText());
            assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(token.getHeader().getKeyID()).isEqualTo(issuer.publicKeys().getKeys().getFirst().getKeyID());
            var claims = token.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(issuer.issuerUrl())
                    .isEqualTo(issuer.authorizerEnvironment().get(EnvironmentVariables.DEV_ISSUER_URL));
            assertThat(claims.getSubject()).isEqualTo("bob.smith-2");
            assertThat(claims.getAudience()).containsExactly("persona-local");
            assertThat(claims.getStringClaim("email")).isEqualTo("bob.smith-2@persona.local");
            assertThat(claims.getBooleanClaim("email_verified")).isTrue();
            assertThat(claims.getStringClaim("name")).isEqualTo("bob.smith-2");
            assertThat(claims.getStringClaim("token_use")).isEqualTo("id");
            assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
            assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);

            GoogleJwtAuthorizerHandler authorizer = new GoogleJwtAuthorizerHandler(
                    Environment.of(issuer.authorizerEnvironment()));
            assertThat(authorize(authorizer, body.get("id_token").asText()).getPrincipalId()).isEqualTo("dev_bob.smith-2");
        }
    }

    @Test
    void theTokenEndpointRefusesNamesThatCannotBeUserIdsAndOtherGrants() throws Exception {
        try (DevIdentityIssuer issuer = DevIdentityIssuer.builder().build().start()) {
            for (String username : new String[] {"", "al ice", "a/b", "x".repeat(125), "%C3%A9"}) {
                HttpResponse<String> response = post(issuer, "/token", "grant_type=password&username=" + username);
                assertThat(response.statusCode()).as(username).isEqualTo(400);
                assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("invalid_request");
            }
            assertThat(post(issuer, "/token", "grant_type=password&username=" + "x".repeat(124)).statusCode())
                    .isEqualTo(200);
            assertThat(JSON.readTree(post(issuer, "/token", "grant_type=client_credentials&username=alice").body())
                    .get("error").asText()).isEqualTo("unsupported_grant_type");
            assertThat(JSON.readTree(post(issuer, "/token", "grant_type=password&username=alice&client_id=other")
                    .body()).get("error").asText()).isEqualTo("invalid_client");
            assertThatThrownBy(() -> issuer.mint("al ice")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void servesDiscoveryAndThePublicKeyOnly() throws Exception {
        try (DevIdentityIssuer issuer = DevIdentityIssuer.builder().build().start()) {
            JsonNode discovery = JSON.readTree(get(issuer, "/.well-known/openid-configuration").body());
            assertThat(discovery.get("issuer").asText()).isEqualTo(issuer.issuerUrl());
            assertThat(discovery.get("jwks_uri").asText()).isEqualTo(issuer.issuerUrl() + "/.well-known/jwks.json");
            assertThat(discovery.get("token_endpoint").asText()).isEqualTo(issuer.issuerUrl() + "/oauth2/token");
            assertThat(discovery.get("authorization_endpoint").asText())
                    .isEqualTo(issuer.issuerUrl() + "/oauth2/authorize");
            assertThat(discovery.get("revocation_endpoint").asText()).isEqualTo(issuer.issuerUrl() + "/oauth2/revoke");
            assertThat(discovery.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
            assertThat(discovery.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");

            JsonNode keys = JSON.readTree(get(issuer, "/.well-known/jwks.json").body()).get("keys");
            assertThat(keys).hasSize(1);
            JsonNode key = keys.get(0);
            assertThat(key.get("kty").asText()).isEqualTo("RSA");
            assertThat(key.get("use").asText()).isEqualTo("sig");
            assertThat(key.get("alg").asText()).isEqualTo("RS256");
            assertThat(key.get("kid").asText()).isNotBlank();
            assertThat(key.has("d")).as("private exponent").isFalse();
            assertThat(key.has("p")).isFalse();
        }
    }

    @Test
    void expiredTokensAndTokensForAnotherAudienceAreRejected() {
        Clock twoHoursAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
        try (DevIdentityIssuer past = DevIdentityIssuer.builder().clock(twoHoursAgo).build().start();
             DevIdentityIssuer issuer = DevIdentityIssuer.builder().build().start()) {
            GoogleJwtAuthorizerHandler trustsPast = new GoogleJwtAuthorizerHandler(
                    Environment.of(past.authorizerEnvironment()));
            assertThatThrownBy(() -> authorize(trustsPast, past.mint("alice"))).hasMessage("Unauthorized");

            Map<String, String> otherAudience = new HashMap<>(issuer.authorizerEnvironment());
            otherAudience.put(EnvironmentVariables.DEV_ISSUER_AUDIENCES, "another-app");
            GoogleJwtAuthorizerHandler forAnotherApp = new GoogleJwtAuthorizerHandler(Environment.of(otherAudience));
            assertThatThrownBy(() -> authorize(forAnotherApp, issuer.mint("alice"))).hasMessage("Unauthorized");

            GoogleJwtAuthorizerHandler trustsIssuer = new GoogleJwtAuthorizerHandler(
                    Environment.of(issuer.authorizerEnvironment()));
            assertThatThrownBy(() -> authorize(trustsIssuer, past.mint("alice")))
                    .as("another issuer's token").hasMessage("Unauthorized");
        }
    }

    @Test
    void aDataDirectoryKeepsTheSigningKeyOwnerOnlyAndTokensValidAcrossRestarts(@TempDir Path dir) throws Exception {
        String token;
        String keyId;
        int port;
        try (DevIdentityIssuer issuer = DevIdentityIssuer.builder().dataDirectory(dir).build().start()) {
            token = issuer.mint("carol");
            keyId = issuer.publicKeys().getKeys().getFirst().getKeyID();
            port = issuer.port();
        }
        Path keyFile = dir.resolve(SigningKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(dir).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".tmp"));

        try (DevIdentityIssuer restarted = DevIdentityIssuer.builder().dataDirectory(dir).port(port).build().start()) {
            assertThat(restarted.publicKeys().getKeys().getFirst().getKeyID()).isEqualTo(keyId);
            GoogleJwtAuthorizerHandler authorizer = new GoogleJwtAuthorizerHandler(
                    Environment.of(restarted.authorizerEnvironment()));
            assertThat(authorize(authorizer, token).getPrincipalId()).isEqualTo("dev_carol");
        }
        try (DevIdentityIssuer fresh = DevIdentityIssuer.builder().build().start()) {
            assertThat(fresh.publicKeys().getKeys().getFirst().getKeyID()).isNotEqualTo(keyId);
        }
    }

    /**
     * The issuer serves before it has a key: the key is generated on a thread of its own once asked to prepare it
     * (the runtime asks when its API serves), kept in the data directory, and stopping waits for that thread.
     */
    @Test
    void theKeyIsGeneratedAfterTheStartOnAThreadThatStoppingWaitsFor(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve(SigningKey.FILE_NAME);
        try (DevIdentityIssuer issuer = DevIdentityIssuer.builder().dataDirectory(dir).build().start()) {
            assertThat(keyFile).as("no key generated during the start").doesNotExist();
            HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(
                    URI.create(issuer.issuerUrl() + DevIdentityIssuer.DISCOVERY_PATH)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(discovery.statusCode()).isEqualTo(200);

            issuer.prepareSigningKey();
            issuer.stop();

            assertThat(keyFile).exists();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .doesNotContain("identity-issuer-key");
        }
    }

    static IamPolicyResponseV1 authorize(GoogleJwtAuthorizerHandler authorizer, String token) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn(METHOD_ARN);
        event.setHeaders(Map.of("Authorization", "Bearer " + token));
        APIGatewayCustomAuthorizerEvent.RequestContext context = new APIGatewayCustomAuthorizerEvent.RequestContext();
        context.setRequestId("local-request");
        event.setRequestContext(context);
        return authorizer.handleRequest(event, null);
    }

    private static HttpResponse<String> get(DevIdentityIssuer issuer, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(DevIdentityIssuer issuer, String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
