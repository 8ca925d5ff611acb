package dev.persona.e2e;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.persona.e2e.ActivityFiles.FOOD;
import static dev.persona.e2e.ActivityFiles.SPORTS;
import static dev.persona.e2e.ActivityFiles.TECHNOLOGY;
import static dev.persona.e2e.ActivityFiles.TRAVEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every input format, the way a browser uploads it: sign in, {@code POST /v1/uploads}, PUT to the presigned URL,
 * poll the job until it succeeds, fetch the persona. Each file is about one topic, so the persona must say so.
 */
class UploadFormatsIT {

    private static PersonaLocalRuntime stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("takeout", "MyActivity.json", "application/json", ActivityFiles.takeout(SPORTS, 120),
                        SPORTS, "takeout-my-activity", 120),
                Arguments.of("csv", "events.csv", "text/csv", ActivityFiles.csv(FOOD, 150), FOOD, "csv", 150),
                Arguments.of("jsonl", "events.jsonl", "application/x-ndjson", ActivityFiles.jsonLines(TECHNOLOGY, 130),
                        TECHNOLOGY, "json-lines", 130),
                Arguments.of("array", "events.json", "application/json", ActivityFiles.jsonArray(TRAVEL, 110),
                        TRAVEL, "json-array", 110),
                Arguments.of("gzip", "MyActivity.json.gz", "application/gzip",
                        ActivityFiles.gzip(ActivityFiles.takeout(FOOD, 140)), FOOD, "takeout-my-activity", 140));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void anUploadBecomesAPersonaOfWhatTheFileIsAbout(String format, String filename, String contentType,
                                                     byte[] content, ActivityFiles.Topic topic,
                                                     String detectedFormat, int records) {
        ApiUser user = new ApiUser(stack, "formats-" + format);

        String jobId = user.uploadWithPut(filename, contentType, content);
        JsonNode job = user.awaitJob(jobId);

        assertThat(job.path("status").asText()).as("job %s", job).isEqualTo("SUCCEEDED");
        assertThat(job.path("detectedFormat").asText()).isEqualTo(detectedFormat);
        assertThat(job.at("/counts/recordsRead").asInt()).isEqualTo(records);
        assertThat(job.at("/counts/recordsKept").asInt()).isEqualTo(records);
        assertThat(job.at("/persona/href").asText()).isEqualTo("/v1/personas/" + jobId);

        JsonNode persona = user.persona(jobId);
        assertThat(persona.path("jobId").asText()).isEqualTo(jobId);
        assertThat(persona.path("interests").get(0).path("category").asText()).isEqualTo(topic.category());
        assertThat(persona.path("interests").get(0).path("share").asDouble()).isEqualTo(1.0);
        assertThat(persona.at("/dataQuality/recordsUsed").asInt()).isEqualTo(records);
        assertThat(persona.at("/dataQuality/detectedFormat").asText()).isEqualTo(detectedFormat);
        assertThat(ApiUser.body(user.get("/v1/personas/latest"), 200).path("jobId").asText()).isEqualTo(jobId);
    }
}
