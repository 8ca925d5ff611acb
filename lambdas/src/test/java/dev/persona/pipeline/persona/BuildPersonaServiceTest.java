package dev.persona.pipeline.persona;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.testing.IntermediateFiles;
import dev.persona.json.Json;
import dev.persona.pipeline.StepRequests.BuildPersonaRequest;
import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.StepRequests.CategorizeResult;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.categorize.CategorizeService;
import dev.persona.pipeline.categorize.Taxonomy;
import dev.persona.pipeline.errors.JobNotOwned;
import dev.persona.pipeline.preprocess.PreprocessService;
import dev.persona.pipeline.preprocess.PreprocessSettings;
import dev.persona.testing.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildPersonaServiceTest {

    private static final String BUCKET = "b";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:pipeline:run-1";

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final List<PersonaSummary> saved = new ArrayList<>();
    private final List<String> owners = new ArrayList<>();
    private final PersonaSummaries recording = (summary, executionArn) -> {
        saved.add(summary);
        owners.add(executionArn);
    };

    @Test
    void writesTheDocumentThenTheSummary() throws Exception {
        BuildPersonaRequest request = prepare();
        var result = new BuildPersonaService(store, recording, BUCKET, CLOCK).build(request);

        assertThat(result.personaKey()).isEqualTo("personas/u/j/persona.json");
        JsonNode persona = Json.MAPPER.readTree(store.bytes(BUCKET, result.personaKey()));
        assertThat(persona.get("generatedAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(persona.at("/dataQuality/recordsRejected").asLong()).isEqualTo(2);
        long byReason = 0;
        for (JsonNode count : persona.at("/dataQuality/rejectedByReason")) {
            byReason += count.asLong();
        }
        assertThat(byReason).as("the rejected records, by the report's reasons").isEqualTo(2);
        assertThat(saved).singleElement().satisfies(summary -> {
            assertThat(summary.archetype()).isEqualTo(result.archetype());
            assertThat(summary.topInterests()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
            assertThat(summary.recordsUsed()).isEqualTo(result.recordsUsed());
            assertThat(summary.createdAt()).isEqualTo("2025-01-01T00:00:00Z");
        });
        assertThat(owners).as("recorded only for the execution that owns the job").containsExactly(EXECUTION);
    }

    @Test
    void aJobItsOwnerDeletedGetsNoPersonaAndTheDocumentIsTakenBack() {
        BuildPersonaRequest request = prepare();
        PersonaSummaries withdrawn = (summary, executionArn) -> {
            throw new JobNotOwned("gone");
        };
        assertThatThrownBy(() -> new BuildPersonaService(store, withdrawn, BUCKET, CLOCK).build(request))
                .isInstanceOf(JobNotOwned.class);
        assertThat(store.exists(BUCKET, "personas/u/j/persona.json")).isFalse();
    }

    @Test
    void aFailedSummaryWriteRemovesTheDocumentSoNothingHalfWrittenRemains() {
        BuildPersonaRequest request = prepare();
        PersonaSummaries failing = (summary, executionArn) -> {
            throw new IllegalStateException("table unavailable");
        };
        assertThatThrownBy(() -> new BuildPersonaService(store, failing, BUCKET, CLOCK).build(request))
                .hasMessage("table unavailable");
        assertThat(store.exists(BUCKET, "personas/u/j/persona.json")).isFalse();
    }

    @Test
    void categorizeAddsCategoryConfidenceAndSignalToEveryActivity() {
        prepare();
        byte[] categorized = store.bytes(BUCKET, "processed/u/j/categorized.blocks");
        assertThat(IntermediateFiles.activities(categorized)).hasSize(6).allSatisfy(activity ->
                assertThat(activity.has("category") && activity.has("confidence") && activity.has("signal")).isTrue());
    }

    private BuildPersonaRequest prepare() {
        byte[] csv = """
                timestamp,title,url,category
                2024-05-01T08:00:00Z,Running shoes,https://www.nike.com/t/pegasus,
                2024-05-01T21:00:00Z,nba playoffs,https://www.espn.com/nba,
                2024-05-02T21:00:00Z,lasagna recipe,,
                2024-05-03T21:30:00Z,morning run,,fitness
                2024-05-04T22:00:00Z,qwzx,,
                2024-05-05T23:00:00Z,premier league highlights,,
                bad,row,,
                ,row,,
                """.getBytes(StandardCharsets.UTF_8);
        store.putObject(BUCKET, "uploads/u/j/f.csv", csv, Map.of());
        PreprocessResult preprocessed = new PreprocessService(store, PreprocessSettings.defaults(BUCKET), CLOCK)
                .preprocess(new PreprocessRequest("u", "j", BUCKET, new UploadedObject("uploads/u/j/f.csv", null, null,
                        null)));
        CategorizeResult categorized = new CategorizeService(store, BUCKET, Taxonomy.load())
                .categorize(new CategorizeRequest("u", "j", BUCKET, preprocessed.activitiesKey()));
        assertThat(categorized.categoryCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
        assertThat(categorized.categoryCounts()).containsEntry("Healthy Living", 1L).containsEntry("Uncategorized", 1L);
        return new BuildPersonaRequest("u", "j", BUCKET, categorized.categorizedKey(), preprocessed.reportKey(),
                EXECUTION);
    }

}
