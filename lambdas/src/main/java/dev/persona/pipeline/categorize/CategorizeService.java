package dev.persona.pipeline.categorize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.persona.contracts.StorageLayout;
import dev.persona.domain.ActivityJson;
import dev.persona.domain.Category;
import dev.persona.pipeline.StepInputs;
import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.StepRequests.CategorizeResult;
import dev.persona.pipeline.errors.StorageUnavailable;
import dev.persona.pipeline.io.Gzip;
import dev.persona.pipeline.io.JsonLineBuilder;
import dev.persona.pipeline.io.LineReader;
import dev.persona.storage.ObjectStore;
import dev.persona.storage.ObjectWriter;
import dev.persona.storage.StorageUnavailableException;

/**
 * Step 2 of the pipeline: reads {@code activities.ndjson.gz}, gives every activity a category, confidence
 * and deciding signal ({@link Classifier}), and writes {@code categorized.ndjson.gz}: each input line with
 * those three fields appended. Streams in both directions; commits only when every line is written.
 */
public final class CategorizeService {

    private static final int MAX_LINE = 1024 * 1024;
    private static final JsonFactory FACTORY = new JsonFactory();

    private final ObjectStore store;
    private final String bucket;
    private final Taxonomy taxonomy;

    public CategorizeService(ObjectStore store, String bucket, Taxonomy taxonomy) {
        this.store = store;
        this.bucket = bucket;
        this.taxonomy = taxonomy;
    }

    public CategorizeResult categorize(CategorizeRequest request) {
        StepInputs.requireBucket(bucket, request.bucket());
        StepInputs.requireKey(StorageLayout.activitiesKey(request.userId(), request.jobId()), request.activitiesKey());
        String categorizedKey = StorageLayout.categorizedKey(request.userId(), request.jobId());
        Classifier classifier = new Classifier(taxonomy);
        Map<Category, Long> counts = new EnumMap<>(Category.class);
        long records = 0;
        try (InputStream in = Gzip.reader(store.read(bucket, request.activitiesKey()));
             ObjectWriter writer = store.create(bucket, categorizedKey, "application/x-ndjson");
             Gzip.Writer out = Gzip.fastWriter(writer)) {
            LineReader lines = new LineReader(in, MAX_LINE);
            JsonLineBuilder line = new JsonLineBuilder();
            Fields fields = new Fields();
            while (lines.next()) {
                if (lines.lineIsBlank()) {
                    continue;
                }
                byte[] buffer = lines.buffer();
                fields.read(buffer, lines.lineStart(), lines.lineLength());
                Classification classification = classifier.classify(fields.url, fields.text, fields.context,
                        fields.userCategory);
                line.reopen(buffer, lines.lineStart(), lines.lineLength())
                        .field(ActivityJson.CATEGORY, classification.category().displayName())
                        .field(ActivityJson.CONFIDENCE, classification.confidence())
                        .field(ActivityJson.SIGNAL, classification.signal())
                        .end()
                        .writeTo(out);
                counts.merge(classification.category(), 1L, Long::sum);
                records++;
            }
            out.complete();
            writer.commit();
        } catch (StorageUnavailableException e) {
            throw new StorageUnavailable(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> byName = new LinkedHashMap<>();
        counts.forEach((category, count) -> byName.put(category.displayName(), count));
        return new CategorizeResult(categorizedKey, records, byName);
    }

    /** The fields classification needs, read from one canonical line without building the whole record. */
    private static final class Fields {
        String url;
        String text;
        String context;
        String userCategory;

        void read(byte[] buffer, int offset, int length) throws IOException {
            url = null;
            text = null;
            context = null;
            userCategory = null;
            try (JsonParser parser = FACTORY.createParser(buffer, offset, length)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException("activities file holds a line that is not an object");
                }
                for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME;
                     token = parser.nextToken()) {
                    String name = parser.currentName();
                    parser.nextToken();
                    switch (name) {
                        case ActivityJson.URL -> url = parser.getText();
                        case ActivityJson.TEXT -> text = parser.getText();
                        case ActivityJson.CONTEXT -> context = parser.getText();
                        case ActivityJson.USER_CATEGORY -> userCategory = parser.getText();
                        default -> parser.skipChildren();
                    }
                }
            }
        }
    }
}
