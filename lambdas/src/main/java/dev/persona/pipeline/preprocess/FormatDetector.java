package dev.persona.pipeline.preprocess;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.persona.pipeline.errors.EmptyUpload;
import dev.persona.pipeline.errors.UnsupportedEncoding;
import dev.persona.pipeline.errors.UnsupportedFormat;

/**
 * Decides the format from the first 64 KiB of decoded text, never from the file name: HTML (Takeout's activity
 * pages); a JSON array whose first object has the fields of Takeout, Spotify's account data or Spotify's extended
 * history, or another JSON array; Chrome's history object; JSON Lines; delimited text whose header is Netflix's
 * viewing activity or names a time column.
 */
final class FormatDetector {

    static final int SAMPLE_BYTES = 64 * 1024;

    private FormatDetector() {
    }

    /** What examining a file found: its format, or why it is not read. */
    sealed interface Outcome permits Detection, Refusal {
    }

    /** What was detected; {@code csvDialect} only for delimited text. */
    record Detection(InputFormat format, CsvDialect csvDialect) implements Outcome {
    }

    /** Why a file is not read: archive entries are then skipped rather than failing the upload. */
    record Refusal(EntrySkipReason reason, RuntimeException error) implements Outcome {
    }

    /** Reads a sample and rewinds the stream to where it was; fails with the named error of a file it cannot read. */
    static Detection detect(BufferedInputStream text) {
        try {
            return examine(text, false);
        } catch (Refused refused) {
            throw refused.refusal.error();
        }
    }

    /**
     * Like {@link #detect}, for a file inside an archive: reports why it cannot be read instead of failing, and takes
     * a generic JSON file for activity only when its first record has a time key. Takeout archives hold many JSON
     * arrays that are not activity (app installs, playlists, settings); read as events, they would be nothing but
     * invalid records.
     */
    static Outcome detectOrRefuse(BufferedInputStream text) {
        try {
            return examine(text, true);
        } catch (Refused refused) {
            return refused.refusal;
        }
    }

    private static Detection examine(BufferedInputStream text, boolean inArchive) {
        byte[] sample = sample(text);
        int first = firstNonBlank(sample);
        if (first < 0) {
            throw new Refused(EntrySkipReason.EMPTY, new EmptyUpload("The file is empty."));
        }
        for (byte b : sample) {
            if (b == 0) {
                throw new Refused(EntrySkipReason.NOT_TEXT, new UnsupportedFormat("This is a binary file, not a "
                        + "text export. Upload a Google Takeout archive or activity file, a Spotify or Netflix export, "
                        + "or a CSV, JSON or JSON Lines file of events."));
            }
        }
        requireUtf8(sample);
        try {
            Detection detection = switch (sample[first]) {
                case '[' -> new Detection(arrayFormat(sample, first), null);
                case '{' -> new Detection(objectFormat(sample, first), null);
                case '<' -> new Detection(InputFormat.TAKEOUT_MY_ACTIVITY_HTML, null);
                default -> delimited(headerLine(sample, first));
            };
            if (inArchive && !looksLikeEvents(detection.format(), sample, first)) {
                throw new UnsupportedFormat("The file's records have no time.");
            }
            return detection;
        } catch (UnsupportedFormat e) {
            throw new Refused(EntrySkipReason.NOT_ACTIVITY_DATA, e);
        }
    }

    /** Control flow of {@link #examine}: a file that is not read, and why. */
    private static final class Refused extends RuntimeException {
        private final Refusal refusal;

        Refused(EntrySkipReason reason, RuntimeException error) {
            super(null, null, false, false);
            this.refusal = new Refusal(reason, error);
        }
    }

    private static Detection delimited(String header) {
        Set<String> columns = new HashSet<>();
        CsvDialect.columnsOf(header).forEach(column -> columns.add(Field.normalized(column)));
        if (columns.containsAll(List.of("profile name", "start time", "title"))) {
            return new Detection(InputFormat.NETFLIX_VIEWING_ACTIVITY,
                    CsvDialect.fromHeader(header, Field.namesOf(InputFormat.NETFLIX_VIEWING_ACTIVITY)));
        }
        return new Detection(InputFormat.CSV, CsvDialect.fromHeader(header, Field.namesOf(InputFormat.CSV)));
    }

    private static byte[] sample(BufferedInputStream text) {
        try {
            text.mark(SAMPLE_BYTES + 1);
            byte[] sample = text.readNBytes(SAMPLE_BYTES);
            text.reset();
            return sample;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int firstNonBlank(byte[] sample) {
        for (int i = 0; i < sample.length; i++) {
            byte b = sample[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Fails unless the sample is UTF-8, allowing a character cut at the sample's end. */
    private static void requireUtf8(byte[] sample) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int length = sample.length;
        if (length == SAMPLE_BYTES) {
            // Drop a multi-byte sequence the sample boundary may have cut.
            int back = 0;
            while (back < 3 && length - 1 - back >= 0 && (sample[length - 1 - back] & 0xC0) == 0x80) {
                back++;
            }
            if (length - 1 - back >= 0 && (sample[length - 1 - back] & 0x80) != 0) {
                length -= back + 1;
            }
        }
        try {
            decoder.decode(ByteBuffer.wrap(sample, 0, length));
        } catch (CharacterCodingException e) {
            throw new Refused(EntrySkipReason.NOT_UTF8, new UnsupportedEncoding("The file is not UTF-8 text. Save or export it as UTF-8 (or UTF-16 "
                    + "with a byte order mark) and upload it again."));
        }
    }

    /**
     * By the first object's keys: Spotify's account data has endTime and msPlayed, its extended history ts and
     * ms_played; Takeout's objects carry header, title and time, and products or titleUrl almost always.
     */
    private static InputFormat arrayFormat(byte[] sample, int first) {
        Set<String> keys = firstObjectKeys(sample, first);
        if (keys.containsAll(List.of("endTime", "msPlayed"))) {
            return InputFormat.SPOTIFY_STREAMING_HISTORY;
        }
        if (keys.containsAll(List.of("ts", "ms_played"))) {
            return InputFormat.SPOTIFY_EXTENDED_HISTORY;
        }
        if (keys.containsAll(List.of("header", "title", "time"))
                && (keys.contains("products") || keys.contains("titleUrl"))) {
            return InputFormat.TAKEOUT_MY_ACTIVITY;
        }
        return InputFormat.JSON_ARRAY;
    }

    /** A generic JSON file is events when its first object has a key of the time fields. */
    private static boolean looksLikeEvents(InputFormat format, byte[] sample, int first) {
        if (format != InputFormat.JSON_ARRAY && format != InputFormat.JSON_LINES) {
            return true;
        }
        for (String key : format == InputFormat.JSON_ARRAY ? firstObjectKeys(sample, first)
                : objectKeys(sample, first)) {
            Field.Slot slot = Field.slotOf(key);
            if (slot != null && (slot.field() == Field.TIMESTAMP || slot.field() == Field.TIME
                    || slot.field() == Field.DATE)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> firstObjectKeys(byte[] sample, int first) {
        try (JsonParser parser = UploadJson.FACTORY.createParser(sample, first, sample.length - first)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return Set.of();
            }
            return keysOfObject(parser);
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** The keys of the object that starts the sample. */
    private static Set<String> objectKeys(byte[] sample, int first) {
        try (JsonParser parser = UploadJson.FACTORY.createParser(sample, first, sample.length - first)) {
            return keysOfObject(parser);
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** The keys of the object the parser's next token starts, as far as the sample goes. */
    private static Set<String> keysOfObject(JsonParser parser) {
        Set<String> keys = new HashSet<>();
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return keys;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                keys.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (IOException e) {
            // The sample may end inside the first object: decide on the keys seen so far.
        }
        return keys;
    }

    /**
     * An object whose top-level keys include "Browser History" is Chrome's history; otherwise a first line holding
     * one whole object means JSON Lines, and an object spread over lines is not read.
     */
    private static InputFormat objectFormat(byte[] sample, int first) {
        try (JsonParser parser = UploadJson.FACTORY.createParser(sample, first, sample.length - first)) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                if (JsonRecords.CHROME_HISTORY_KEY.equals(parser.currentName())) {
                    return InputFormat.CHROME_HISTORY;
                }
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (IOException e) {
            // The sample may end inside the object: decide on the keys seen so far.
        }
        int end = first;
        while (end < sample.length && sample[end] != '\n') {
            end++;
        }
        try (JsonParser parser = UploadJson.FACTORY.createParser(sample, first, end - first)) {
            parser.nextToken();
            parser.skipChildren();
            if (parser.currentToken() == JsonToken.END_OBJECT) {
                return InputFormat.JSON_LINES;
            }
        } catch (IOException e) {
            // Fall through to the message below.
        }
        throw new UnsupportedFormat("The file is a single JSON object, not an activity export. Put one event object "
                + "per line (JSON Lines) or the events in a top-level JSON array.");
    }

    private static String headerLine(byte[] sample, int first) {
        int end = first;
        while (end < sample.length && sample[end] != '\n') {
            end++;
        }
        if (end == sample.length && sample.length == SAMPLE_BYTES) {
            throw new UnsupportedFormat("The file is not a supported format: its first line is longer than 64 KiB.");
        }
        if (end > first && sample[end - 1] == '\r') {
            end--;
        }
        return StandardCharsets.UTF_8.decode(ByteBuffer.wrap(sample, first, end - first)).toString();
    }
}
