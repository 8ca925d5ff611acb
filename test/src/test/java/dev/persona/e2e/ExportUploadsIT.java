package dev.persona.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.runtime.LocalFunctions;
import dev.persona.local.runtime.PersonaLocalRuntime;
import dev.persona.testing.exports.ExportCorpus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exports people have (issue 12), the way a browser uploads them to the whole local backend: every Takeout,
 * Spotify and Netflix export, archived or not, becomes a persona about what it holds; every hostile upload ends
 * FAILED with its named error, and leaves no processed file and no persona.
 */
class ExportUploadsIT {

    private static PersonaLocalRuntime stack;
    private static LocalFunctions.Clients aws;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        aws = stack.endpoints().clients();
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.persona.testing.exports.ExportCorpus#good")
    void anExportBecomesAPersonaOfWhatItHolds(ExportCorpus.Sample sample) {
        ApiUser user = new ApiUser(stack, "exports-" + Integer.toHexString(sample.name().hashCode()));

        String jobId = user.uploadWithPut(sample.filename(), sample.contentType(), sample.content());
        JsonNode job = user.awaitJob(jobId);

        assertThat(job.path("status").asText()).as("job %s", job).isEqualTo("SUCCEEDED");
        assertThat(job.path("detectedFormat").asText()).isEqualTo(sample.expected().detectedFormat());
        JsonNode persona = user.persona(jobId);
        assertThat(persona.path("schemaVersion").asText()).isEqualTo("1.1");
        assertThat(persona.at("/interests/0/category").asText()).isEqualTo(sample.expected().topInterest());
        Map<String, Long> sources = new LinkedHashMap<>();
        persona.path("sources").forEach(s -> sources.put(s.path("source").asText(), s.path("count").asLong()));
        assertThat(sources).containsExactlyInAnyOrderEntriesOf(sample.expected().sources());
    }

    @Test
    void aNetflixExportKeepsTheViewingOfTheProfileNamedWithTheUpload() {
        ApiUser user = new ApiUser(stack, "exports-netflix-profile");
        ExportCorpus.Sample netflix = ExportCorpus.netflixZip();
        JsonNode everyone = user.persona(user.awaitJob(user.uploadWithPut(netflix.filename(), netflix.contentType(),
                netflix.content())).path("jobId").asText());
        Map<String, Long> byProfile = new LinkedHashMap<>();
        everyone.at("/watching/profiles").forEach(p -> byProfile.put(p.path("value").asText(), p.path("count").asLong()));
        assertThat(byProfile).hasSizeGreaterThan(1);
        Map.Entry<String, Long> first = byProfile.entrySet().iterator().next();

        JsonNode upload = user.createUpload(netflix.filename(), netflix.contentType(), netflix.content().length,
                " " + first.getKey().toUpperCase(java.util.Locale.ROOT) + " ");
        JsonNode job = user.awaitJob(user.put(upload, netflix.content()));

        assertThat(job.path("status").asText()).as("job %s", job).isEqualTo("SUCCEEDED");
        JsonNode persona = user.persona(job.path("jobId").asText());
        assertThat(persona.at("/watching/profiles")).hasSize(1);
        assertThat(persona.at("/watching/profiles/0/value").asText()).isEqualTo(first.getKey());
        assertThat(persona.at("/sources/0/count").asLong()).isEqualTo(first.getValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.persona.testing.exports.ExportCorpus#hostile")
    void aHostileUploadEndsInItsNamedErrorAndLeavesNothing(ExportCorpus.Sample sample) {
        ApiUser user = new ApiUser(stack, "hostile-" + Integer.toHexString(sample.name().hashCode()));

        String jobId = user.uploadWithPut(sample.filename(), sample.contentType(), sample.content());
        JsonNode job = user.awaitJob(jobId, java.time.Duration.ofSeconds(30));

        assertThat(job.path("status").asText()).as("job %s", job).isEqualTo("FAILED");
        assertThat(job.at("/error/code").asText()).isEqualTo(sample.error());
        assertThat(job.at("/error/message").asText()).contains(sample.messageContains());
        assertThat(user.get("/v1/personas/" + jobId).statusCode()).isEqualTo(404);
        assertThat(objects("processed/" + user.userId() + "/")).isEmpty();
        assertThat(objects("personas/" + user.userId() + "/")).isEmpty();
    }

    private static List<String> objects(String prefix) {
        return aws.s3().listObjectsV2(b -> b.bucket(stack.endpoints().bucket()).prefix(prefix)).contents().stream()
                .map(object -> object.key()).toList();
    }
}
