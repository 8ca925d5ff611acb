package dev.persona.local.stepfunctions.asl.exec;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads delimited text record by record (RFC 4180: fields may be quoted, a quote inside a quoted field is
 * doubled, a quoted field may span lines; lines end with LF or CRLF), with a delimiter of choice.
 */
final class CsvRecords {

    private final Reader in;
    private final char delimiter;
    private int pushedBack = -2;

    CsvRecords(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The next record's fields, or null at the end of the text. Empty lines are skipped. */
    List<String> next() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                continue;
            }
            if (c == '\r') {
                int following = read();
                if (following != '\n') {
                    unread(following);
                }
                continue;
            }
            unread(c);
            return record();
        }
    }

    private List<String> record() throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw new IOException("a quoted field is not closed at the end of the text");
                }
                if (c == '"') {
                    int following = read();
                    if (following == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        unread(following);
                    }
                } else {
                    field.append((char) c);
                }
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int following = read();
                    if (following != '\n') {
                        unread(following);
                    }
                }
                fields.add(field.toString());
                return fields;
            }
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append((char) c);
            }
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
