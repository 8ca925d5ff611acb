package dev.persona.pipeline.categorize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.persona.contracts.StorageLayout;
import dev.persona.domain.Activity;
import dev.persona.domain.Category;
import dev.persona.pipeline.StepInputs;
import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.StepRequests.CategorizeResult;
import dev.persona.pipeline.blocks.ActivityBlocks;
import dev.persona.pipeline.blocks.Block;
import dev.persona.pipeline.blocks.BlockReader;
import dev.persona.pipeline.blocks.BlockWriter;
import dev.persona.pipeline.blocks.Column;
import dev.persona.pipeline.blocks.ColumnBuffer;
import dev.persona.pipeline.blocks.ColumnCursor;
import dev.persona.pipeline.errors.StorageUnavailable;
import dev.persona.storage.ObjectStore;
import dev.persona.storage.ObjectWriter;
import dev.persona.storage.StorageUnavailableException;

/**
 * Step 2 of the pipeline: reads {@code activities.blocks}, gives every activity a category, confidence and deciding
 * signal ({@link Classifier}), and writes {@code categorized.blocks}: each block of the input with three columns
 * added ({@code docs/intermediate-format.md}). It decompresses only the five columns the classifier reads (address,
 * text, context, the user's category and the medium); the others are copied to the output as they are stored.
 * Streams in both directions; commits only when every block is written.
 */
public final class CategorizeService {

    /** The columns classification reads. */
    static final List<Column> READ = List.of(Column.URL, Column.TEXT, Column.CONTEXT, Column.USER_CATEGORY,
            Column.MEDIUM);

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
        long[] counts = new long[Category.values().length];
        ActivityBlocks.DictionaryColumn categories = new ActivityBlocks.DictionaryColumn(
                Arrays.stream(Category.values()).map(Category::displayName).toList());
        ColumnBuffer confidences = new ColumnBuffer(64 * 1024);
        ColumnBuffer signals = new ColumnBuffer(64 * 1024);
        List<ColumnBuffer> added = List.of(categories.buffer(), confidences, signals);
        long records = 0;
        try (InputStream in = store.read(bucket, request.activitiesKey());
             ObjectWriter writer = store.create(bucket, categorizedKey, StorageLayout.BLOCKS_CONTENT_TYPE)) {
            BlockReader reader = new BlockReader(in);
            BlockWriter out = new BlockWriter(writer);
            for (Block block = reader.next(); block != null; block = reader.next()) {
                ColumnCursor url = block.column(Column.URL);
                ColumnCursor text = block.column(Column.TEXT);
                ColumnCursor context = block.column(Column.CONTEXT);
                ColumnCursor userCategory = block.column(Column.USER_CATEGORY);
                ColumnCursor medium = block.column(Column.MEDIUM);
                categories.clear();
                confidences.clear();
                signals.clear();
                for (int i = 0; i < block.records(); i++) {
                    int urlLength = url.nextTextBytes() ? url.textLength() : -1;
                    int textLength = text.nextTextBytes() ? text.textLength() : -1;
                    int contextLength = context.nextTextBytes() ? context.textLength() : -1;
                    Classification classification = classifier.classify(url.bytes(), url.textStart(), urlLength,
                            text.bytes(), text.textStart(), textLength, context.bytes(), context.textStart(),
                            contextLength, userCategory.nextText(), medium(medium));
                    categories.add(classification.category().ordinal());
                    confidences.add((byte) Math.round(classification.confidence() * 100));
                    signals.add((byte) classification.signalCode());
                    counts[classification.category().ordinal()]++;
                }
                out.copyWith(block, Column.CLASSIFICATION, added);
                records += block.records();
            }
            out.finish();
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

    /** The next medium: one of the few the pipeline writes, matched without building a string. */
    private static String medium(ColumnCursor column) {
        if (!column.nextTextBytes()) {
            return null;
        }
        for (String medium : MEDIA) {
            if (equalsAscii(medium, column.bytes(), column.textStart(), column.textLength())) {
                return medium;
            }
        }
        return new String(column.bytes(), column.textStart(), column.textLength(), StandardCharsets.UTF_8);
    }

    private static final List<String> MEDIA = List.of(Activity.VIDEO, Activity.MUSIC, Activity.EPISODE,
            Activity.MOVIE, Activity.PODCAST, Activity.AUDIOBOOK);

    private static boolean equalsAscii(String text, byte[] bytes, int start, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
