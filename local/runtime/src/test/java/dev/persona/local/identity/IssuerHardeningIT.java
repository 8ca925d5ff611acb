package dev.persona.local.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.persona.local.identity.IssuerProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an adversarial probe of the issuer found (security issue, finding 10): malformed encodings, large forms and
 * foreign origins each get a problem document, never a dropped connection or a wildcard CORS answer.
 */
class IssuerHardeningIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String APP = "http://localhost:8124";

    private DevIdentityIssuer issuer;

    @BeforeEach
    void start() {
        issuer = DevIdentityIssuer.builder()
                .client(AppClient.webApp("persona-local", List.of(APP), "/auth/callback", "/"))
                .build().start();
    }

    @AfterEach
    void stop() {
        issuer.stop();
    }

    @Test
    void aMalformedEncodingIsABadRequest() throws Exception {
        for (String path : List.of("/oauth2/token", "/token", "/oauth2/revoke", "/oauth2/authorize")) {
            HttpResponse<String> response = post(path, "grant_type=password&username=%zz", null);
            assertProblem(response, 400, "invalid_request");
            assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("malformed");
        }
        assertProblem(post("/oauth2/token", "grant_type=password&username=a&username=b", null), 400,
                "invalid_request");
    }

    @Test
    void largeFormsAreRefusedWith413() throws Exception {
        String fiveMegabytes = "grant_type=password&username=alice&padding=" + "x".repeat(5 * 1024 * 1024);
        for (String path : List.of("/oauth2/token", "/oauth2/revoke", "/oauth2/authorize")) {
            assertProblem(post(path, fiveMegabytes, null), 413, "invalid_request");
        }
        String justOver = "grant_type=password&username=alice&padding="
                + "x".repeat(IssuerExchange.MAX_FORM_BYTES);
        assertProblem(post("/oauth2/token", justOver, null), 413, "invalid_request");
        assertThat(post("/oauth2/token", "grant_type=password&username=alice", null).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheClientsOriginsMayCallTheTokenAndRevocationEndpoints() throws Exception {
        for (String path : List.of("/oauth2/token", "/oauth2/revoke")) {
            HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl() + path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", APP).header("Access-Control-Request-Method", "POST").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("POST");

            HttpResponse<String> foreignPreflight = HTTP.send(HttpRequest.newBuilder(
                            URI.create(issuer.issuerUrl() + path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://attacker.example").build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(foreignPreflight, 403, "access_denied");
            assertThat(foreignPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        HttpResponse<String> fromApp = post("/oauth2/token", "grant_type=password&username=alice", APP);
        assertThat(fromApp.statusCode()).isEqualTo(200);
        assertThat(fromApp.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(fromApp.headers().firstValue("Vary")).contains("Origin");

        HttpResponse<String> foreign = post("/oauth2/token", "grant_type=password&username=alice",
                "https://attacker.example");
        assertProblem(foreign, 403, "access_denied");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreign.body()).doesNotContain("id_token");

        HttpResponse<String> page = get("/oauth2/authorize?response_type=code");
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertProblem(post("/oauth2/authorize", "username=eve", "https://attacker.example"), 403, "access_denied");
        assertThat(post("/oauth2/authorize", "username=eve", APP).statusCode())
                .as("the app's own origin does not post the issuer's sign-in form either").isEqualTo(403);
    }

    @Test
    void otherErrorsAreProblemDocumentsToo() throws Exception {
        assertProblem(get("/nowhere"), 404, "not_found");
        assertProblem(get("/oauth2/token"), 405, "invalid_request");
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl() + "/oauth2/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"password\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(json, 415, "invalid_request");
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer.issuerUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
