package dev.persona.e2e;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** With a data directory, what the stack served before a restart it serves after it. */
class RestartIT {

    @TempDir
    Path data;

    @Test
    void jobsAndPersonasSurviveARestart() {
        String jobId;
        JsonNode persona;
        try (PersonaLocalRuntime first = PersonaLocalRuntime.builder().dataDirectory(data).build().start()) {
            ApiUser user = new ApiUser(first, "restart");
            jobId = user.uploadWithPut("events.jsonl", "application/x-ndjson",
                    ActivityFiles.jsonLines(ActivityFiles.TECHNOLOGY, 70));
            assertThat(user.awaitJob(jobId).path("status").asText()).isEqualTo("SUCCEEDED");
            persona = user.persona(jobId);
        }

        try (PersonaLocalRuntime second = PersonaLocalRuntime.builder().dataDirectory(data).build().start()) {
            ApiUser user = new ApiUser(second, "restart");
            JsonNode job = ApiUser.body(user.get("/v1/jobs/" + jobId), 200);
            assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(user.persona(jobId)).isEqualTo(persona);
            assertThat(ApiUser.body(user.get("/v1/personas/latest"), 200).path("jobId").asText()).isEqualTo(jobId);
            assertThat(ApiUser.body(user.get("/v1/jobs"), 200).path("items")).hasSize(1);
        }
    }
}
