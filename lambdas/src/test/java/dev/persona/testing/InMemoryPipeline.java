package dev.persona.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.json.Json;
import dev.persona.pipeline.PreprocessReport;
import dev.persona.pipeline.StepRequests.BuildPersonaRequest;
import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.categorize.CategorizeService;
import dev.persona.pipeline.categorize.Taxonomy;
import dev.persona.pipeline.persona.BuildPersonaService;
import dev.persona.pipeline.preprocess.PreprocessService;
import dev.persona.pipeline.preprocess.PreprocessSettings;

/** The three pipeline steps over an {@link InMemoryObjectStore}, for unit tests of what an upload becomes. */
public final class InMemoryPipeline {

    public static final String BUCKET = "uploads-bucket";
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Taxonomy TAXONOMY = Taxonomy.load();

    /** What one upload became. */
    public record Outcome(PreprocessResult preprocessed, PreprocessReport report, JsonNode persona) {
    }

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final Path spill;

    public InMemoryPipeline(Path spill) {
        this.spill = spill;
    }

    public InMemoryObjectStore store() {
        return store;
    }

    /** Uploads {@code content} as {@code uploads/user/job/file} and runs it through the three steps. */
    public Outcome run(String file, byte[] content, Map<String, String> metadata) {
        String key = "uploads/user/job/" + file;
        store.putObject(BUCKET, key, content, metadata);
        PreprocessResult preprocessed = new PreprocessService(store, PreprocessSettings.defaults(BUCKET)
                .withSpillDirectory(spill), CLOCK).preprocess(new PreprocessRequest("user", "job", BUCKET,
                new UploadedObject(key, (long) content.length, store.eTag(BUCKET, key), null)));
        var categorized = new CategorizeService(store, BUCKET, TAXONOMY)
                .categorize(new CategorizeRequest("user", "job", BUCKET, preprocessed.activitiesKey()));
        var built = new BuildPersonaService(store, (summary, executionArn) -> { }, BUCKET, CLOCK).build(
                new BuildPersonaRequest("user", "job", BUCKET, categorized.categorizedKey(), preprocessed.reportKey(),
                        "arn:aws:states:us-east-1:123456789012:execution:pipeline:in-memory"));
        try {
            return new Outcome(preprocessed,
                    Json.MAPPER.readValue(store.bytes(BUCKET, preprocessed.reportKey()), PreprocessReport.class),
                    Json.MAPPER.readTree(store.bytes(BUCKET, built.personaKey())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys the steps wrote below {@code processed/} and {@code personas/}. */
    public java.util.List<String> written() {
        return store.keys().stream().filter(k -> k.startsWith(BUCKET + "/processed/")
                || k.startsWith(BUCKET + "/personas/")).sorted().toList();
    }
}
