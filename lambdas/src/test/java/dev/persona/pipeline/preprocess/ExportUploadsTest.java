package dev.persona.pipeline.preprocess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.pipeline.errors.PipelineException;
import dev.persona.testing.InMemoryPipeline;
import dev.persona.testing.exports.ExportCorpus;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every export of the corpus through the three steps in memory: a good one gives its top interest and activities
 * per source; a hostile one ends in its named error, having read little of it, with nothing written.
 */
class ExportUploadsTest {

    @TempDir
    Path spill;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.persona.testing.exports.ExportCorpus#good")
    void aGoodExportBecomesAPersonaOfWhatItIsAbout(ExportCorpus.Sample sample) {
        InMemoryPipeline pipeline = new InMemoryPipeline(spill);
        InMemoryPipeline.Outcome outcome = pipeline.run(sample.filename(), sample.content(), Map.of());

        assertThat(outcome.preprocessed().format()).isEqualTo(sample.expected().detectedFormat());
        JsonNode persona = outcome.persona();
        assertThat(persona.at("/interests/0/category").asText()).as(persona.toString())
                .isEqualTo(sample.expected().topInterest());
        Map<String, Long> sources = new LinkedHashMap<>();
        persona.path("sources").forEach(s -> sources.put(s.path("source").asText(), s.path("count").asLong()));
        assertThat(sources).as(persona.path("dataQuality").toString())
                .containsExactlyInAnyOrderEntriesOf(sample.expected().sources());
        assertThat(persona.at("/dataQuality/detectedFormat").asText()).isEqualTo(sample.expected().detectedFormat());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.persona.testing.exports.ExportCorpus#hostile")
    void aHostileUploadEndsInItsNamedErrorQuicklyWithNothingWritten(ExportCorpus.Sample sample) {
        InMemoryPipeline pipeline = new InMemoryPipeline(spill);

        PipelineException error = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
                PipelineException.class, () -> pipeline.run(sample.filename(), sample.content(), Map.of())));

        assertThat(error).as(sample.name()).isNotNull();
        assertThat(error.code()).as(error.getMessage()).isEqualTo(sample.error());
        assertThat(error.getMessage()).contains(sample.messageContains());
        assertThat(pipeline.written()).isEmpty();
        assertThat(pipeline.store().writesAborted()).isLessThanOrEqualTo(1);
    }
}
