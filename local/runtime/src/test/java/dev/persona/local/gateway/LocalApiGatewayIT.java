package dev.persona.local.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.persona.api.JobsHandler;
import dev.persona.api.UploadsHandler;
import dev.persona.api.testing.JwksServer;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.TestTokens;
import dev.persona.auth.GoogleJwtAuthorizerHandler;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.local.stepfunctions.time.SystemTimeSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of the project's real authorizer and handlers: the events it builds must deserialize
 * into the handlers' event classes as the Lambda Java runtime does it, and their answers must come back intact.
 */
class LocalApiGatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUDIENCE = "persona-local";

    private static JwksServer issuer;
    private static RSAKey key;
    private static LocalApiGateway gateway;

    @BeforeAll
    static void start() {
        key = TestTokens.rsaKey("key-1");
        issuer = new JwksServer(List.of(key.toPublicJWK()));
        LocalAws aws = LocalAws.shared();
        var functions = new dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions("123456789012",
                "us-east-1", line -> { });
        functions.register(LambdaFunctions.AUTHORIZER.id(), new GoogleJwtAuthorizerHandler(aws.environment(Map.of(
                EnvironmentVariables.DEV_ISSUER_URL, issuer.baseUri().toString(),
                EnvironmentVariables.DEV_ISSUER_AUDIENCES, AUDIENCE))));
        functions.register(LambdaFunctions.JOBS.id(), new JobsHandler(aws.environment(), aws.dynamoDb()));
        functions.register(LambdaFunctions.UPLOADS.id(),
                new UploadsHandler(aws.environment(), aws.dynamoDb(), aws.s3()));
        gateway = LocalApiGateway.builder()
                .functions((name, event) -> functions.invoke(name, event, new SystemTimeSource()))
                .allowedOrigins(List.of(LocalAws.ORIGIN))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.stop();
        issuer.close();
    }

    private static String token(String subject) {
        Instant now = Instant.now();
        return TestTokens.sign(key, new JWTClaimsSet.Builder().issuer(issuer.baseUri().toString()).audience(AUDIENCE)
                .subject(subject).issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(600))).build());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Origin", LocalAws.ORIGIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway.endpoint() + path));
    }

    @Test
    void aValidTokenReachesTheHandlerAsItsUser() throws Exception {
        String token = token("alice-" + System.nanoTime());
        String body = "{\"filename\": \"MyActivity.json\", \"contentType\": \"application/json\", \"sizeBytes\": 120}";

        HttpResponse<String> created = send(request("/v1/uploads").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode upload = JSON.readTree(created.body());
        assertThat(upload.path("key").asText()).startsWith("uploads/dev_alice-");
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/jobs/" + upload.path("jobId").asText());
        assertThat(created.headers().firstValue("Access-Control-Allow-Origin")).hasValue(LocalAws.ORIGIN);

        HttpResponse<String> job = send(request("/v1/jobs/" + upload.path("jobId").asText())
                .header("Authorization", "Bearer " + token));
        assertThat(job.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(job.body()).path("status").asText()).isEqualTo("AWAITING_UPLOAD");
        assertThat(job.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void anotherUsersJobIsNotFoundAndHandlerProblemsKeepTheGatewaysRequestId() throws Exception {
        HttpResponse<String> missing = send(request("/v1/jobs/someone-elses")
                .header("Authorization", "Bearer " + token("bob")));

        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode problem = JSON.readTree(missing.body());
        assertThat(problem.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(problem.path("requestId").asText())
                .isEqualTo(missing.headers().firstValue("x-amzn-RequestId").orElseThrow());
    }

    @Test
    void aTokenTheAuthorizerRejectsIsUnauthorized() throws Exception {
        RSAKey stranger = TestTokens.rsaKey("key-1");
        Instant now = Instant.now();
        String forged = TestTokens.sign(stranger, new JWTClaimsSet.Builder().issuer(issuer.baseUri().toString())
                .audience(AUDIENCE).subject("mallory").expirationTime(java.util.Date.from(now.plusSeconds(600)))
                .build());

        HttpResponse<String> response = send(request("/v1/jobs").header("Authorization", "Bearer " + forged));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(LocalAws.ORIGIN);
    }
}
