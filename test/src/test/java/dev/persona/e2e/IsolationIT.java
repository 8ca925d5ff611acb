package dev.persona.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One user never sees another's jobs or personas: they do not exist for them (404), lists leave them out. */
class IsolationIT {

    private static PersonaLocalRuntime stack;
    private static ApiUser alice;
    private static ApiUser bob;
    private static String alicesJob;

    @BeforeAll
    static void aliceHasAPersona() {
        stack = SharedStack.get();
        alice = new ApiUser(stack, "isolation-alice");
        bob = new ApiUser(stack, "isolation-bob");
        alicesJob = alice.uploadWithPut("events.csv", "text/csv", ActivityFiles.csv(ActivityFiles.FOOD, 50));
        assertThat(alice.awaitJob(alicesJob).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void anotherUsersJobAndPersonaAreNotFound() {
        assertThat(bob.get("/v1/jobs/" + alicesJob).statusCode()).isEqualTo(404);
        HttpResponse<String> persona = bob.get("/v1/personas/" + alicesJob);
        assertThat(persona.statusCode()).isEqualTo(404);
        assertThat(ApiUser.body(persona, 404).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(bob.get("/v1/personas/latest").statusCode()).isEqualTo(404);
        assertThat(ApiUser.body(bob.get("/v1/jobs"), 200).path("items")).isEmpty();

        JsonNode alicesJobs = ApiUser.body(alice.get("/v1/jobs"), 200).path("items");
        assertThat(alicesJobs).extracting(item -> item.path("jobId").asText()).containsExactly(alicesJob);
    }

    @Test
    void deletingOnesDataLeavesTheOthersAlone() {
        assertThat(bob.send("DELETE", "/v1/me/data", null).statusCode()).isEqualTo(200);

        assertThat(alice.get("/v1/personas/" + alicesJob).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAValidTokenNothingIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI jobs = stack.endpoints().api().resolve("/v1/jobs/" + alicesJob);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(jobs).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(jobs)
                .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(ApiUser.body(forged, 401).path("code").asText()).isEqualTo("UNAUTHORIZED");
    }
}
