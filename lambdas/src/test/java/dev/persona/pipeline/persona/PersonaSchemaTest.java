package dev.persona.pipeline.persona;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.persona.json.Json;
import dev.persona.testing.InMemoryPipeline;
import dev.persona.testing.exports.ExportCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every persona the pipeline builds matches {@code docs/persona.schema.json}, the documented schema. */
class PersonaSchemaTest {

    private static final Path SCHEMA = Path.of("..", "docs", "persona.schema.json");
    private static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true).build()));
        schema = registry.getSchema(Json.MAPPER.readTree(Files.readString(SCHEMA)));
        schema.initializeValidators();
    }

    @ParameterizedTest
    @ValueSource(strings = {"takeout-my-activity.json", "events.csv", "events.jsonl", "events-array.json",
        "timestamps.csv", "pii.csv", "duplicates.jsonl"})
    void aBuiltPersonaMatchesTheDocumentedSchema(String file) {
        assertValid(build(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.persona.testing.exports.ExportCorpus#good")
    void aPersonaOfEveryExportMatchesTheSchema(ExportCorpus.Sample sample, @TempDir Path spill) {
        assertValid(new InMemoryPipeline(spill).run(sample.filename(), sample.content(), Map.of()).persona());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/personas/example.json"})
    void theExampleTheApiTestsServeMatchesItToo(String resource) throws IOException {
        try (var in = PersonaSchemaTest.class.getResourceAsStream(resource)) {
            assertValid(Json.MAPPER.readTree(in));
        }
    }

    private static void assertValid(JsonNode persona) {
        List<Error> errors = schema.validate(persona);
        assertThat(errors).as(persona.toString()).isEmpty();
    }

    private static JsonNode build(String file) {
        try (var in = PersonaSchemaTest.class.getResourceAsStream("/uploads/" + file)) {
            return new InMemoryPipeline(Path.of(System.getProperty("java.io.tmpdir"))).run(file, in.readAllBytes(),
                    Map.of()).persona();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
