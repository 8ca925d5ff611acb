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
 * Decides the format from the first 64 KiB of decoded text, never from the file name: a JSON array
 * whose first object has Takeout's fields, another JSON array, JSON Lines, or delimited text whose header
 * names a time column.
 */
final class FormatDetector {

    static final int SAMPLE_BYTES = 64 * 1024;

    private FormatDetector() {
    }

    /** What was detected; {@code csvDialect} only for CSV. */
    record Detection(InputFormat format, CsvDialect csvDialect) {
    }

    /** Reads a sample and rewinds the stream to where it was. */
    static Detection detect(BufferedInputStream text) {
        byte[] sample = sample(text);
        int first = firstNonBlank(sample);
        if (first < 0) {
            throw new EmptyUpload("The file is empty.");
        }
        for (byte b : sample) {
            if (b == 0) {
                throw new UnsupportedFormat("This is a binary file, not a text export. Upload a Google Takeout "
                        + "\"My Activity\" JSON file, or a CSV, JSON or JSON Lines file of events.");
            }
        }
        requireUtf8(sample);
        return switch (sample[first]) {
            case '[' -> new Detection(isTakeout(sample, first) ? InputFormat.TAKEOUT_MY_ACTIVITY
                    : InputFormat.JSON_ARRAY, null);
            case '{' -> new Detection(detectJsonLines(sample, first), null);
            default -> new Detection(InputFormat.CSV, CsvDialect.fromHeader(headerLine(sample, first)));
        };
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
            throw new UnsupportedEncoding("The file is not UTF-8 text. Save or export it as UTF-8 (or UTF-16 "
                    + "with a byte order mark) and upload it again.");
        }
    }

    /** Takeout's objects carry header, title and time; products or titleUrl almost always. */
    private static boolean isTakeout(byte[] sample, int first) {
        Set<String> keys = new HashSet<>();
        try (JsonParser parser = UploadJson.FACTORY.createParser(sample, first, sample.length - first)) {
            if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                keys.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (IOException e) {
            // The sample may end inside the first object: decide on the keys seen so far.
        }
        return keys.containsAll(List.of("header", "title", "time"))
                && (keys.contains("products") || keys.contains("titleUrl"));
    }

    /** A first line holding one whole object means JSON Lines; an object spread over lines is not. */
    private static InputFormat detectJsonLines(byte[] sample, int first) {
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
        throw new UnsupportedFormat("The file is a single JSON object. Put one event object per line (JSON Lines) "
                + "or the events in a top-level JSON array.");
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
