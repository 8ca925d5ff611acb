package dev.persona.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.json.Json;
import dev.persona.pipeline.errors.PipelineException;
import dev.persona.pipeline.errors.StorageUnavailable;
import dev.persona.statemachines.StateMachineDefinitions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The state machine matches the steps' errors by the names Lambda's Java runtime gives them. */
class PipelineErrorsTest {

    private static final String PACKAGE = PipelineException.class.getPackageName();

    @Test
    void everyErrorTheDefinitionNamesIsAPipelineExceptionAndEveryNamedFailureIsCaught() throws Exception {
        JsonNode states = Json.MAPPER.readTree(StateMachineDefinitions.pipelineTemplate()).get("States");
        Set<String> caught = new HashSet<>();
        Set<String> retried = new HashSet<>();
        states.forEach(state -> {
            state.path("Catch").forEach(c -> c.get("ErrorEquals").forEach(e -> caught.add(e.asText())));
            state.path("Retry").forEach(r -> r.get("ErrorEquals").forEach(e -> retried.add(e.asText())));
        });
        List<String> ours = new ArrayList<>();
        for (String name : union(caught, retried)) {
            if (name.startsWith(PACKAGE)) {
                ours.add(name);
                Class<?> type = Class.forName(name);
                assertThat(PipelineException.class).as(name).isAssignableFrom(type);
            }
        }
        assertThat(retried).contains(StorageUnavailable.class.getName());
        assertThat(caught).doesNotContain(StorageUnavailable.class.getName());
        for (String name : List.of("UnsupportedFormat", "UnsupportedEncoding", "EmptyUpload", "UploadTooLarge",
                "TooManyInvalidRecords", "UploadNotFound", "MalformedUpload", "InvalidUploadKey",
                "CompressionRatioTooHigh", "TooManyArchiveEntries", "ArchiveEntryNameTooLong", "UnsafeArchiveEntryName",
                "EncryptedArchive", "UnsupportedArchive", "NestedArchive", "UnsupportedLanguage")) {
            assertThat(caught).contains(PACKAGE + "." + name);
            assertThat(retried).doesNotContain(PACKAGE + "." + name);
        }
        assertThat(caught).contains(PACKAGE + ".JobNotOwned");
        assertThat(retried).doesNotContain(PACKAGE + ".JobNotOwned");
        assertThat(ours).hasSize(18);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
