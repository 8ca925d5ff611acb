package dev.persona.local.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.local.stepfunctions.time.SystemTimeSource;
import dev.persona.local.stepfunctions.tasks.lambda.JsonFunction;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctionError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's request pipeline with functions written in the test, over real HTTP. */
class LocalApiGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORIGIN = "http://localhost:5173";
    private static final String OTHER_ORIGIN = "https://app.example.com";
    private static final String AUTHORIZER = LambdaFunctions.AUTHORIZER.id();
    private static final String JOBS = LambdaFunctions.JOBS.id();
    private static final String UPLOADS = LambdaFunctions.UPLOADS.id();
    private static final String ALLOW_STAGE = """
            {"principalId": "dev_alice", "policyDocument": {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "execute-api:Invoke",
               "Resource": ["arn:aws:execute-api:us-east-1:123456789012:personaapi/local/*/*"]}]},
             "context": {"userId": "dev_alice", "provider": "dev"}}""";

    private final dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions functions =
            new dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions("123456789012", "us-east-1", line -> { });
    private final Map<String, List<JsonNode>> events = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private LocalApiGateway gateway;

    @BeforeEach
    void start() {
        gateway = LocalApiGateway.builder()
                .functions((name, event) -> functions.invoke(name, event, new SystemTimeSource()))
                .allowedOrigins(List.of(ORIGIN, OTHER_ORIGIN))
                .binaryMediaTypes(List.of("image/*"))
                .integrationTimeout(Duration.ofSeconds(2))
                .clock(now::get)
                .build()
                .start();
        register(AUTHORIZER, event -> JSON.readTree(ALLOW_STAGE));
        register(JOBS, event -> JSON.readTree("""
                {"statusCode": 200, "headers": {"Content-Type": "application/json", "X-One": "1"},
                 "multiValueHeaders": {"X-Many": ["a", "b"]}, "body": "{\\"jobs\\":[]}", "isBase64Encoded": false}"""));
    }

    @AfterEach
    void stop() {
        gateway.stop();
    }

    private void register(String name, JsonFunction function) {
        functions.registerFunction(name, event -> {
            events.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>()).add(event);
            return function.apply(event);
        });
    }

    private List<JsonNode> eventsOf(String name) {
        return events.getOrDefault(name, List.of());
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.endpoint() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        return send("GET", pathAndQuery, null, headers);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("requestId").asText())
                .isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
    }

    @Test
    void theHandlerGetsTheProxyEventApiGatewaySends() throws Exception {
        HttpResponse<String> response = get("/v1/jobs/job-7?limit=5&tag=a&tag=b",
                "Authorization", "Bearer token-1", "Origin", ORIGIN, "X-Twice", "1", "X-Twice", "2");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = eventsOf(JOBS).getFirst();
        assertThat(event.path("resource").asText()).isEqualTo("/v1/jobs/{jobId}");
        assertThat(event.path("path").asText()).isEqualTo("/v1/jobs/job-7");
        assertThat(event.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(event.at("/headers/Authorization").asText()).isEqualTo("Bearer token-1");
        assertThat(event.at("/headers/X-twice").asText()).isEqualTo("2");
        assertThat(event.at("/multiValueHeaders/X-twice").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(event.at("/headers/X-Forwarded-For").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("queryStringParameters").toString()).isEqualTo("{\"limit\":\"5\",\"tag\":\"b\"}");
        assertThat(event.path("multiValueQueryStringParameters").toString())
                .isEqualTo("{\"limit\":[\"5\"],\"tag\":[\"a\",\"b\"]}");
        assertThat(event.path("pathParameters").toString()).isEqualTo("{\"jobId\":\"job-7\"}");
        assertThat(event.path("stageVariables").isNull()).isTrue();
        assertThat(event.path("body").isNull()).isTrue();
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("123456789012");
        assertThat(context.path("apiId").asText()).isEqualTo("personaapi");
        assertThat(context.path("stage").asText()).isEqualTo("local");
        assertThat(context.path("resourcePath").asText()).isEqualTo("/v1/jobs/{jobId}");
        assertThat(context.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(context.path("path").asText()).isEqualTo("/local/v1/jobs/job-7");
        assertThat(context.path("requestId").asText())
                .isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(context.path("requestTime").asText()).isEqualTo("01/Jan/2026:00:00:00 +0000");
        assertThat(context.path("requestTimeEpoch").asLong()).isEqualTo(now.get().toEpochMilli());
        assertThat(context.at("/identity/sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("authorizer").path("userId").asText()).isEqualTo("dev_alice");
        assertThat(context.path("authorizer").path("provider").asText()).isEqualTo("dev");
        assertThat(context.path("authorizer").path("principalId").asText()).isEqualTo("dev_alice");
        assertThat(context.path("authorizer").has("integrationLatency")).isTrue();
    }

    @Test
    void theProxyResponseBecomesTheHttpResponse() throws Exception {
        HttpResponse<String> response = get("/v1/jobs", "Authorization", "Bearer token-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"jobs\":[]}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-One")).hasValue("1");
        assertThat(response.headers().allValues("X-Many")).containsExactly("a", "b");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void theAuthorizerGetsTheRequestEventWithTheMethodArn() throws Exception {
        get("/v1/personas/latest?x=1", "Authorization", "Bearer token-1");

        JsonNode event = eventsOf(AUTHORIZER).getFirst();
        assertThat(event.path("type").asText()).isEqualTo("REQUEST");
        assertThat(event.path("methodArn").asText())
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:personaapi/local/GET/v1/personas/latest");
        assertThat(event.path("resource").asText()).isEqualTo("/v1/personas/latest");
        assertThat(event.path("path").asText()).isEqualTo("/v1/personas/latest");
        assertThat(event.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(event.at("/headers/Authorization").asText()).isEqualTo("Bearer token-1");
        assertThat(event.at("/multiValueHeaders/Authorization/0").asText()).isEqualTo("Bearer token-1");
        assertThat(event.at("/queryStringParameters/x").asText()).isEqualTo("1");
        assertThat(event.path("pathParameters").isNull()).isTrue();
        assertThat(event.has("stageVariables")).isTrue();
        assertThat(event.at("/requestContext/apiId").asText()).isEqualTo("personaapi");
        assertThat(event.at("/requestContext/resourcePath").asText()).isEqualTo("/v1/personas/latest");
        assertThat(event.at("/requestContext/authorizer").isMissingNode()).isTrue();
    }

    @Test
    void decisionsAreCachedPerAuthorizationHeaderForTheTtl() throws Exception {
        get("/v1/jobs", "Authorization", "Bearer token-1");
        get("/v1/jobs/j1", "Authorization", "Bearer token-1");
        assertThat(eventsOf(AUTHORIZER)).hasSize(1);
        assertThat(eventsOf(JOBS).get(1).at("/requestContext/authorizer/integrationLatency").asLong()).isZero();

        get("/v1/jobs", "Authorization", "Bearer token-2");
        assertThat(eventsOf(AUTHORIZER)).hasSize(2);

        now.set(now.get().plus(Duration.ofMinutes(5)));
        get("/v1/jobs", "Authorization", "Bearer token-1");
        assertThat(eventsOf(AUTHORIZER)).hasSize(3);
        assertThat(eventsOf(JOBS)).hasSize(4);
    }

    @Test
    void withoutAnAuthorizationHeaderTheAuthorizerIsNotCalled() throws Exception {
        HttpResponse<String> response = get("/v1/jobs", "Origin", OTHER_ORIGIN);

        assertProblem(response, 401, "UNAUTHORIZED");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                .as("a gateway response names the first allowed origin, as API Gateway's static mapping does")
                .hasValue(ORIGIN);
        assertThat(response.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(eventsOf(AUTHORIZER)).isEmpty();
        assertThat(eventsOf(JOBS)).isEmpty();
    }

    @Test
    void anAuthorizerFailingWithUnauthorizedIsA401AndAnyOtherFailureA500() throws Exception {
        register(AUTHORIZER, event -> {
            throw new LambdaFunctionError("java.lang.RuntimeException", "Unauthorized");
        });
        assertProblem(get("/v1/jobs", "Authorization", "Bearer bad"), 401, "UNAUTHORIZED");

        register(AUTHORIZER, event -> {
            throw new IllegalStateException("keys unavailable");
        });
        assertProblem(get("/v1/jobs", "Authorization", "Bearer bad"), 500, "INTERNAL_ERROR");

        register(AUTHORIZER, event -> JSON.readTree("{\"principalId\": \"x\"}"));
        assertProblem(get("/v1/jobs", "Authorization", "Bearer bad"), 500, "INTERNAL_ERROR");
        assertThat(eventsOf(JOBS)).isEmpty();
    }

    @Test
    void thePolicyIsEvaluatedAgainstEachRequestsMethodArnEvenWhenCached() throws Exception {
        register(AUTHORIZER, event -> JSON.readTree("""
                {"principalId": "dev_bob", "policyDocument": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "execute-api:Invoke",
                   "Resource": "arn:aws:execute-api:us-east-1:123456789012:personaapi/local/GET/v1/jobs"}]},
                 "context": {"userId": "dev_bob"}}"""));

        assertThat(get("/v1/jobs", "Authorization", "Bearer bob").statusCode()).isEqualTo(200);
        assertProblem(get("/v1/jobs/j1", "Authorization", "Bearer bob"), 403, "ACCESS_DENIED");
        assertThat(eventsOf(AUTHORIZER)).hasSize(1);
        assertThat(eventsOf(JOBS)).hasSize(1);
    }

    @Test
    void unknownResourcesAndMethodsAreMissingRoutes() throws Exception {
        assertProblem(get("/v1/nothing", "Authorization", "Bearer token-1"), 404, "NOT_FOUND");
        assertProblem(send("DELETE", "/v1/jobs", null, "Authorization", "Bearer token-1"), 404, "NOT_FOUND");
        assertProblem(get("/", "Authorization", "Bearer token-1"), 404, "NOT_FOUND");
        assertThat(eventsOf(AUTHORIZER)).isEmpty();
    }

    /** Security finding 7: the gateway's own answers never echo a stranger's Origin and are never cached or sniffed. */
    @Test
    void theGatewaysOwnAnswersNameOnlyAnAllowedOriginAndAreNeitherCachedNorSniffed() throws Exception {
        for (HttpResponse<String> response : List.of(
                send("GET", "/v1/jobs", null, "Origin", "https://evil.example"),
                send("GET", "/v1/nowhere", null, "Origin", "https://evil.example", "Authorization", "Bearer token-1"),
                send("POST", "/v1/uploads", "{}", "Origin", "https://evil.example", "Authorization", "Bearer token-1",
                        "Content-Type", "application/json"))) {
            assertThat(response.statusCode()).isBetween(400, 499);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void theGatewayAnswersPreflightsForTheAllowedOriginsWithoutTheAuthorizer() throws Exception {
        HttpResponse<String> other = send("OPTIONS", "/v1/jobs/j1", null, "Origin", OTHER_ORIGIN,
                "Access-Control-Request-Method", "GET");

        assertThat(other.statusCode()).isEqualTo(204);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).hasValue(OTHER_ORIGIN);
        assertThat(other.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET");
        assertThat(other.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("Authorization,Content-Type,If-None-Match,If-Match");
        assertThat(other.headers().firstValue("Access-Control-Expose-Headers")).hasValue("ETag");
        assertThat(other.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(other.headers().firstValue("Vary")).hasValue("Origin");

        HttpResponse<String> stranger = send("OPTIONS", "/v1/uploads", null, "Origin", "https://evil.example");
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(eventsOf(AUTHORIZER)).isEmpty();
        assertProblem(send("OPTIONS", "/v1/unknown", null, "Origin", ORIGIN), 404, "NOT_FOUND");
    }

    @Test
    void aBodyThatFailsTheRouteModelNeverReachesTheHandler() throws Exception {
        register(UPLOADS, event -> JSON.readTree("{\"statusCode\": 201, \"body\": \"{}\"}"));

        assertProblem(send("POST", "/v1/uploads", "{\"filename\": \"a.json\"}", "Authorization", "Bearer token-1",
                "Content-Type", "application/json"), 400, "VALIDATION_FAILED");
        assertProblem(send("POST", "/v1/uploads", "not json", "Authorization", "Bearer token-1"), 400,
                "VALIDATION_FAILED");
        assertThat(eventsOf(UPLOADS)).isEmpty();

        String valid = "{\"filename\": \"a.json\", \"contentType\": \"application/json\", \"sizeBytes\": 10}";
        assertThat(send("POST", "/v1/uploads", valid, "Authorization", "Bearer token-1",
                "Content-Type", "application/json; charset=utf-8").statusCode()).isEqualTo(201);
        assertThat(eventsOf(UPLOADS).getFirst().path("body").asText()).isEqualTo(valid);
    }

    @Test
    void handlerFailuresAndMalformedResponsesAreServerErrorsAndSlowHandlersTimeOut() throws Exception {
        register(JOBS, event -> {
            throw new IllegalStateException("boom");
        });
        assertProblem(get("/v1/jobs", "Authorization", "Bearer token-1"), 500, "INTERNAL_ERROR");

        register(JOBS, event -> JSON.readTree("{\"body\": \"no status\"}"));
        assertProblem(get("/v1/jobs", "Authorization", "Bearer token-1"), 500, "INTERNAL_ERROR");

        register(JOBS, event -> {
            Thread.sleep(5_000);
            return JSON.readTree("{\"statusCode\": 200}");
        });
        long started = System.nanoTime();
        assertProblem(get("/v1/jobs", "Authorization", "Bearer token-1"), 504, "GATEWAY_TIMEOUT");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aBodyLargerThanApiGatewayTakesIsRefusedBeforeTheAuthorizer() throws Exception {
        String body = "x".repeat(LocalApiGateway.MAX_PAYLOAD_BYTES + 1);

        assertProblem(send("POST", "/v1/uploads", body, "Authorization", "Bearer token-1"), 413,
                "CONTENT_TOO_LARGE");
        assertThat(eventsOf(AUTHORIZER)).isEmpty();
    }

    @Test
    void binaryMediaTypesTravelBase64EncodedBothWays() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        register(UPLOADS, event -> JSON.readTree("""
                {"statusCode": 200, "headers": {"Content-Type": "image/png"}, "isBase64Encoded": true, "body": "%s"}"""
                .formatted(event.path("body").asText())));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.endpoint() + "/v1/uploads"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(png))
                .header("Authorization", "Bearer token-1").header("Content-Type", "image/png")
                .header("Accept", "image/png").build();

        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());

        JsonNode event = eventsOf(UPLOADS).getFirst();
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(png);
        assertThat(response.body()).isEqualTo(png);

        HttpResponse<String> asText = send("POST", "/v1/uploads", "plain", "Authorization", "Bearer token-1",
                "Content-Type", "text/plain", "Accept", "application/json");
        assertThat(eventsOf(UPLOADS).get(1).path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(asText.body()).isEqualTo("plain");
    }
}
