package dev.persona.pipeline.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.io.LineReader;

/**
 * The JSON formats: a top-level array of objects (Takeout, Spotify or generic) and Chrome's history object, streamed
 * element by element, and JSON Lines, parsed line by line so one broken line is a rejected record, not a broken
 * file.
 */
final class JsonRecords {

    /** The key of Chrome's {@code History.json} that holds the visits. */
    static final String CHROME_HISTORY_KEY = "Browser History";

    private JsonRecords() {
    }

    /**
     * A top-level JSON array whose objects' keys mean what {@code names} says; a broken structure fails the whole
     * upload since nothing after it can be trusted.
     */
    static RecordSource array(InputStream text, Map<String, Field.Slot> names) {
        return consumer -> parse(text, parser -> {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedUpload("The file does not start with a JSON array.");
            }
            readElements(parser, new ObjectReader(names), consumer);
        });
    }

    /** Chrome's history: the elements of the top-level object's "Browser History" array; other keys are skipped. */
    static RecordSource chromeHistory(InputStream text) {
        return consumer -> parse(text, parser -> {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedUpload("The file does not start with a JSON object.");
            }
            ObjectReader reader = new ObjectReader(Field.namesOf(InputFormat.CHROME_HISTORY));
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token == null) {
                    throw new MalformedUpload("The JSON object is never closed: the file is truncated.");
                }
                String name = parser.currentName();
                if (parser.nextToken() == JsonToken.START_ARRAY && CHROME_HISTORY_KEY.equals(name)) {
                    readElements(parser, reader, consumer);
                } else {
                    parser.skipChildren();
                }
            }
        });
    }

    /** What to do with a parser over the whole text. */
    private interface Document {
        void read(JsonParser parser) throws IOException;
    }

    private static void parse(InputStream text, Document document) {
        try (JsonParser parser = UploadJson.FACTORY.createParser(text)) {
            try {
                document.read(parser);
                if (parser.nextToken() != null) {
                    throw new MalformedUpload("There is more content after the JSON data, at line "
                            + parser.currentTokenLocation().getLineNr() + ".");
                }
            } catch (StreamConstraintsException e) {
                throw new MalformedUpload("A value near line " + parser.currentLocation().getLineNr()
                        + " is too long or too deeply nested.");
            } catch (JsonProcessingException e) {
                throw new MalformedUpload("The JSON is broken near line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ".");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The elements of the array the parser just entered, up to its end. */
    private static void readElements(JsonParser parser, ObjectReader reader, RecordConsumer consumer)
            throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new MalformedUpload("The JSON array is never closed: the file is truncated.");
            }
            long line = parser.currentTokenLocation().getLineNr();
            if (token == JsonToken.START_OBJECT) {
                consumer.accept(reader.read(parser, line));
            } else {
                parser.skipChildren();
                consumer.reject(line, RejectReason.NOT_AN_OBJECT, null);
            }
        }
    }

    /**
     * One JSON object per line; blank lines are skipped. A flat object is read straight from its bytes
     * ({@link FlatJsonObjects}); any other line goes through Jackson.
     */
    static RecordSource lines(InputStream text) {
        return consumer -> {
            ObjectReader reader = new ObjectReader(Field.namesOf(InputFormat.JSON_LINES));
            RawRecord flat = new RawRecord();
            FlatJsonObjects objects = new FlatJsonObjects(Field.namesOf(InputFormat.JSON_LINES), flat);
            LineReader lines = new LineReader(text, CsvParser.MAX_RECORD_BYTES);
            while (lines.next()) {
                long line = lines.lineNumber();
                if (lines.lineTooLong()) {
                    consumer.reject(line, RejectReason.RECORD_TOO_LONG, null);
                    continue;
                }
                if (lines.lineIsBlank()) {
                    continue;
                }
                byte[] buffer = lines.buffer();
                int offset = lines.lineStart();
                int length = lines.lineLength();
                if (objects.read(buffer, offset, length, line)) {
                    consumer.accept(flat);
                    continue;
                }
                try (JsonParser parser = UploadJson.FACTORY.createParser(buffer, offset, length)) {
                    JsonToken token = parser.nextToken();
                    if (token != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        consumer.reject(line, token != null && parser.nextToken() == null
                                ? RejectReason.NOT_AN_OBJECT : RejectReason.MALFORMED_LINE, excerpt(buffer, offset, length));
                        continue;
                    }
                    RawRecord record = reader.read(parser, line);
                    if (parser.nextToken() != null) {
                        consumer.reject(line, RejectReason.MALFORMED_LINE, excerpt(buffer, offset, length));
                        continue;
                    }
                    consumer.accept(record);
                } catch (JsonProcessingException e) {
                    consumer.reject(line, RejectReason.MALFORMED_LINE, excerpt(buffer, offset, length));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static String excerpt(byte[] buffer, int offset, int length) {
        return new String(buffer, offset, Math.min(length, 160), StandardCharsets.UTF_8);
    }

    /**
     * Reads one object's fields into a {@link RawRecord}: scalar values of known keys, the first string of
     * Takeout's {@code products} and the first name of its {@code subtitles}; everything else is skipped.
     */
    private static final class ObjectReader {
        private static final Field.Slot NONE = new Field.Slot(Field.TEXT, Integer.MAX_VALUE);

        private static final int KEYS_BY_IDENTITY = 16;

        private final RawRecord record = new RawRecord();
        private final Map<String, Field.Slot> names;
        private final Map<String, Field.Slot> slots = new HashMap<>();
        /**
         * Jackson hands out canonical key strings, the same instance for every occurrence of a key, so the first
         * few keys are found by identity, without hashing their text on every record.
         */
        private final String[] seenKeys = new String[KEYS_BY_IDENTITY];
        private final Field.Slot[] seenSlots = new Field.Slot[KEYS_BY_IDENTITY];
        private int seen;

        ObjectReader(Map<String, Field.Slot> names) {
            this.names = names;
        }

        RawRecord read(JsonParser parser, long line) throws IOException {
            record.clear(line);
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                Field.Slot slot = slot(parser.currentName());
                JsonToken value = parser.nextToken();
                if (slot == NONE) {
                    parser.skipChildren();
                } else if (value.isScalarValue()) {
                    if (value != JsonToken.VALUE_NULL) {
                        record.set(slot, parser.getText());
                    }
                } else if (value == JsonToken.START_ARRAY) {
                    record.set(slot, firstInArray(parser));
                } else {
                    parser.skipChildren();
                }
            }
            return record;
        }

        private Field.Slot slot(String key) {
            for (int i = 0; i < seen; i++) {
                if (seenKeys[i] == key) {
                    return seenSlots[i];
                }
            }
            Field.Slot slot = slots.computeIfAbsent(key, name -> {
                Field.Slot found = names.get(Field.normalized(name));
                return found == null ? NONE : found;
            });
            if (seen < KEYS_BY_IDENTITY) {
                seenKeys[seen] = key;
                seenSlots[seen++] = slot;
            }
            return slot;
        }

        /** The first string of an array, or the first {@code name} of an array of objects. */
        private static String firstInArray(JsonParser parser) throws IOException {
            String first = null;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (first == null && token == JsonToken.VALUE_STRING) {
                    first = parser.getText();
                } else if (first == null && token == JsonToken.START_OBJECT) {
                    for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                        String name = parser.currentName();
                        JsonToken v = parser.nextToken();
                        if (first == null && "name".equals(name) && v == JsonToken.VALUE_STRING) {
                            first = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return first;
        }
    }
}
