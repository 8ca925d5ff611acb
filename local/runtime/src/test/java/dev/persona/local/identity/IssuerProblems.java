package dev.persona.local.identity;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What every error of the issuer must be: problem details with the status and the OAuth error members. */
final class IssuerProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IssuerProblems() {
    }

    static void assertProblem(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("error").asText()).isEqualTo(error);
        assertThat(problem.get("type").asText()).isEqualTo("urn:persona:problem:" + error.replace('_', '-'));
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isEqualTo(problem.get("error_description").asText()).isNotBlank();
    }
}
