package dev.persona.http;

import java.util.List;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.api.testing.ApiCall;
import dev.persona.json.Json;
import dev.persona.metrics.EmfCapture;
import dev.persona.testing.TestContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiEndpointTest {

    private final ApiEndpoint endpoint = new ApiEndpoint(Cors.allowing(List.of("https://app.example.com")));

    @Test
    void aBugBecomesA500ProblemWithTheGatewaysRequestIdAndCorsHeaders() throws Exception {
        var event = ApiCall.of("GET", "/v1/jobs").as("google_1").header("Origin", "https://app.example.com").event();
        event.getRequestContext().setRequestId("gw-request-1");

        APIGatewayProxyResponseEvent response = endpoint.handle(event, null, request -> {
            throw new NullPointerException("Cannot invoke \"String.length()\" because \"secret\" is null");
        });

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json")
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com")
                .containsEntry("Cache-Control", "no-store");
        JsonNode problem = Json.MAPPER.readTree(response.getBody());
        assertThat(problem.get("requestId").asText()).isEqualTo("gw-request-1");
        assertThat(problem.get("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(response.getBody()).doesNotContain("secret", "NullPointer", "String.length");
    }

    @Test
    void eachResponseIsCountedAndTimedByItsDeclaredRouteAndStatusClassNeverByItsPath() throws Exception {
        var event = ApiCall.of("GET", "/v1/jobs/01JOBID").as("google_1").event();
        event.setResource("/v1/jobs/{jobId}");

        List<EmfCapture.Value> values = EmfCapture.during(() -> endpoint.handle(event, new TestContext(),
                request -> ApiResponse.json(404, "no such job")));

        assertThat(values).extracting(value -> value.name() + value.dimensions())
                .contains("ApiRequests{Route=GET:/v1/jobs/{jobId}, StatusClass=4xx}",
                        "ApiLatency{Route=GET:/v1/jobs/{jobId}, StatusClass=4xx}",
                        "ApiRequests{StatusClass=4xx}");
        assertThat(values).allSatisfy(value -> assertThat(value.dimensions().values())
                .noneMatch(dimension -> dimension.contains("01JOBID") || dimension.contains("google_1")));
    }

    @Test
    void aMissingOrInvalidCallerIsA401() throws Exception {
        for (String userId : new String[] {null, "", "../x", "a/b"}) {
            ApiCall call = ApiCall.of("GET", "/v1/jobs");
            APIGatewayProxyResponseEvent response = endpoint.handle((userId == null ? call : call.as(userId)).event(),
                    null, request -> ApiResponse.json(200, request.userId()));
            assertThat(response.getStatusCode()).as(String.valueOf(userId)).isEqualTo(401);
            assertThat(Json.MAPPER.readTree(response.getBody()).get("type").asText())
                    .isEqualTo("urn:persona:problem:unauthorized");
        }
    }
}
