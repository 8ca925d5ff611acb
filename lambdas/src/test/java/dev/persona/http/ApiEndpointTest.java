package dev.persona.http;

import java.util.List;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.json.Json;
import dev.persona.api.testing.ApiCall;
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
