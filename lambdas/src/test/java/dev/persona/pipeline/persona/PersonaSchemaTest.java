package dev.persona.pipeline.persona;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.persona.json.Json;
import dev.persona.pipeline.StepRequests.BuildPersonaRequest;
import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.categorize.CategorizeService;
import dev.persona.pipeline.categorize.Taxonomy;
import dev.persona.pipeline.preprocess.PreprocessService;
import dev.persona.pipeline.preprocess.PreprocessSettings;
import dev.persona.testing.InMemoryObjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
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
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (var in = PersonaSchemaTest.class.getResourceAsStream("/uploads/" + file)) {
            store.putObject("b", "uploads/u/j/" + file, in.readAllBytes(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        PreprocessResult preprocessed = new PreprocessService(store, PreprocessSettings.defaults("b"), clock)
                .preprocess(new PreprocessRequest("u", "j", "b", new UploadedObject("uploads/u/j/" + file, null,
                        null, null)));
        var categorized = new CategorizeService(store, "b", Taxonomy.load())
                .categorize(new CategorizeRequest("u", "j", "b", preprocessed.activitiesKey()));
        var built = new BuildPersonaService(store, (summary, executionArn) -> { }, "b", clock).build(
                new BuildPersonaRequest("u", "j", "b", categorized.categorizedKey(), preprocessed.reportKey(),
                        "arn:aws:states:us-east-1:123456789012:execution:pipeline:run"));
        try {
            return Json.MAPPER.readTree(store.bytes("b", built.personaKey()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
