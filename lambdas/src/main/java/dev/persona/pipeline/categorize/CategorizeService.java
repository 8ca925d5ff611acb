package dev.persona.pipeline.categorize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.persona.contracts.StorageLayout;
import dev.persona.domain.ActivityLine;
import dev.persona.domain.Category;
import dev.persona.pipeline.StepInputs;
import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.StepRequests.CategorizeResult;
import dev.persona.pipeline.errors.StorageUnavailable;
import dev.persona.pipeline.io.Gzip;
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
        ClassificationWriter suffix = new ClassificationWriter();
        long[] counts = new long[Category.values().length];
        long records = 0;
        try (InputStream in = Gzip.reader(store.read(bucket, request.activitiesKey()));
             ObjectWriter writer = store.create(bucket, categorizedKey, "application/x-ndjson");
             Gzip.Writer out = Gzip.fastWriter(writer)) {
            LineReader lines = new LineReader(in, MAX_LINE);
            ActivityLine line = new ActivityLine();
            while (lines.next()) {
                if (lines.lineIsBlank()) {
                    continue;
                }
                byte[] buffer = lines.buffer();
                line.scan(buffer, lines.lineStart(), lines.lineLength());
                Classification classification = classifier.classify(line.string(ActivityLine.URL),
                        line.string(ActivityLine.TEXT), line.string(ActivityLine.CONTEXT),
                        line.string(ActivityLine.USER_CATEGORY), line.string(ActivityLine.MEDIUM));
                out.write(buffer, lines.lineStart(), line.closingBrace() - lines.lineStart());
                suffix.write(classification, out);
                counts[classification.category().ordinal()]++;
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
        for (Category category : Category.values()) {
            if (counts[category.ordinal()] > 0) {
                byName.put(category.displayName(), counts[category.ordinal()]);
            }
        }
        return new CategorizeResult(categorizedKey, records, byName);
    }
}
