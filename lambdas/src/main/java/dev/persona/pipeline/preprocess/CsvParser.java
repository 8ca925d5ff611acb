package dev.persona.pipeline.preprocess;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.io.ByteWindow;

/**
 * RFC 4180 delimited text over raw UTF-8 bytes: quoted fields may hold delimiters, doubled quotes and
 * line breaks; CRLF and LF both end records. Only the columns that feed a {@link Field} become strings.
 * A record is parsed whole from the buffer; one that crosses the buffer's end is re-parsed after a refill.
 */
final class CsvParser implements RecordSource {

    static final int MAX_RECORD_BYTES = 1024 * 1024;
    private static final int EXCERPT_BYTES = 160;

    private final ByteWindow window;
    private final CsvDialect dialect;
    private final RawRecord record = new RawRecord();
    private long nextLine = 1;

    private int fieldCount;
    private int[] fieldStarts = new int[32];
    private int[] fieldEnds = new int[32];
    private boolean[] fieldEscaped = new boolean[32];
    private long recordLine;
    private int recordStart;
    private int recordEnd;

    CsvParser(InputStream in, CsvDialect dialect) {
        this.window = new ByteWindow(in, MAX_RECORD_BYTES + 64 * 1024);
        this.dialect = dialect;
    }

    @Override
    public void readAll(RecordConsumer consumer) {
        if (!nextRecord()) {
            return;
        }
        int columns = dialect.columns().size();
        Field.Slot[] slots = dialect.slots();
        while (nextRecord()) {
            if (fieldCount == 1 && fieldEnds[0] == fieldStarts[0]) {
                continue;
            }
            if (fieldCount > columns && hasContentBeyond(columns)) {
                consumer.reject(recordLine, RejectReason.TOO_MANY_FIELDS, excerpt());
                continue;
            }
            record.clear(recordLine);
            boolean malformed = false;
            for (int i = 0, n = Math.min(fieldCount, columns); i < n; i++) {
                if (slots[i] != null && fieldEnds[i] > fieldStarts[i]) {
                    String value = fieldValue(i);
                    if (value.indexOf('\uFFFD') >= 0) {
                        malformed = true;
                        break;
                    }
                    record.set(slots[i], value);
                }
            }
            if (malformed) {
                consumer.reject(recordLine, RejectReason.INVALID_ENCODING, excerpt());
            } else {
                consumer.accept(record);
            }
        }
    }

    private boolean hasContentBeyond(int columns) {
        byte[] buffer = window.buffer;
        for (int i = columns; i < fieldCount; i++) {
            for (int p = fieldStarts[i]; p < fieldEnds[i]; p++) {
                if (buffer[p] != ' ' && buffer[p] != '\t') {
                    return true;
                }
            }
        }
        return false;
    }

    private String fieldValue(int i) {
        byte[] buffer = window.buffer;
        int from = fieldStarts[i];
        int to = fieldEnds[i];
        if (!fieldEscaped[i]) {
            return new String(buffer, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] unescaped = new byte[to - from];
        int n = 0;
        for (int p = from; p < to; p++) {
            unescaped[n++] = buffer[p];
            if (buffer[p] == '"' && p + 1 < to && buffer[p + 1] == '"') {
                p++;
            }
        }
        return new String(unescaped, 0, n, StandardCharsets.UTF_8);
    }

    private String excerpt() {
        int length = Math.min(recordEnd - recordStart, EXCERPT_BYTES);
        return new String(window.buffer, recordStart, length, StandardCharsets.UTF_8);
    }

    /** Parses the next record into the field arrays; false at the end of input. */
    private boolean nextRecord() {
        while (true) {
            if (window.available() == 0 && window.eof()) {
                return false;
            }
            if (scanRecord()) {
                return true;
            }
            if (window.available() >= MAX_RECORD_BYTES) {
                throw new MalformedUpload("The record starting at line " + nextLine + " is longer than 1 MiB. "
                        + "Check the file for a quote that is opened but never closed.");
            }
            window.fill();
        }
    }

    /** Scans one record from the window's start; false when it needs more input first. */
    private boolean scanRecord() {
        byte delimiter = dialect.delimiter();
        byte[] buf = window.buffer;
        int end = window.end;
        boolean eof = window.eof();
        int pos = window.start;
        int newlinesInside = 0;
        fieldCount = 0;
        while (true) {
            int fieldStart;
            int fieldEnd;
            boolean escaped = false;
            if (pos < end && buf[pos] == '"') {
                pos++;
                fieldStart = pos;
                while (true) {
                    if (pos == end) {
                        if (!eof) {
                            return false;
                        }
                        throw new MalformedUpload("A quoted field starting at line " + (nextLine + newlinesInside)
                                + " is never closed: the file may be truncated.");
                    }
                    byte b = buf[pos];
                    if (b == '"') {
                        if (pos + 1 == end && !eof) {
                            return false;
                        }
                        if (pos + 1 < end && buf[pos + 1] == '"') {
                            escaped = true;
                            pos += 2;
                            continue;
                        }
                        fieldEnd = pos;
                        pos++;
                        break;
                    }
                    if (b == '\n') {
                        newlinesInside++;
                    }
                    pos++;
                }
                while (pos < end && buf[pos] != delimiter && buf[pos] != '\n') {
                    pos++;
                }
                if (pos == end && !eof) {
                    return false;
                }
            } else {
                fieldStart = pos;
                while (pos < end && buf[pos] != delimiter && buf[pos] != '\n') {
                    pos++;
                }
                if (pos == end && !eof) {
                    return false;
                }
                fieldEnd = pos;
                if (fieldEnd > fieldStart && buf[fieldEnd - 1] == '\r' && (pos == end || buf[pos] == '\n')) {
                    fieldEnd--;
                }
            }
            addField(fieldStart, fieldEnd, escaped);
            if (pos < end && buf[pos] == delimiter) {
                pos++;
                continue;
            }
            recordStart = window.start;
            recordEnd = pos;
            if (pos < end) {
                pos++;
            }
            recordLine = nextLine;
            nextLine += 1 + newlinesInside;
            window.start = pos;
            return true;
        }
    }

    private void addField(int from, int to, boolean escaped) {
        if (fieldCount == fieldStarts.length) {
            int size = fieldCount * 2;
            fieldStarts = Arrays.copyOf(fieldStarts, size);
            fieldEnds = Arrays.copyOf(fieldEnds, size);
            fieldEscaped = Arrays.copyOf(fieldEscaped, size);
        }
        fieldStarts[fieldCount] = from;
        fieldEnds[fieldCount] = to;
        fieldEscaped[fieldCount] = escaped;
        fieldCount++;
    }
}
