package dev.persona.pipeline.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Builds one compact JSON object as UTF-8 bytes in a reusable buffer: the hot path of every step writes
 * millions of small lines, so this avoids strings, generators and per-line allocation.
 */
public final class JsonLineBuilder {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buffer = new byte[1024];
    private int length;
    private boolean firstField;

    /** Starts a new object, discarding the previous one. */
    public JsonLineBuilder begin() {
        length = 0;
        appendByte('{');
        firstField = true;
        return this;
    }

    /** Reopens a finished object (its bytes given) so more fields can be appended before {@link #end()}. */
    public JsonLineBuilder reopen(byte[] object, int offset, int objectLength) {
        length = 0;
        ensure(objectLength);
        int close = offset + objectLength - 1;
        while (close > offset && object[close] != '}') {
            close--;
        }
        System.arraycopy(object, offset, buffer, 0, close - offset);
        length = close - offset;
        firstField = length <= 1;
        return this;
    }

    /** Adds a string field; a null value is omitted. */
    public JsonLineBuilder field(String name, String value) {
        if (value != null) {
            name(name);
            string(value);
        }
        return this;
    }

    public JsonLineBuilder field(String name, long value) {
        name(name);
        ascii(Long.toString(value));
        return this;
    }

    /** Adds a number field; a null or non-finite value is omitted. */
    public JsonLineBuilder field(String name, Double value) {
        if (value != null && Double.isFinite(value)) {
            name(name);
            double d = value;
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                ascii(Long.toString((long) d));
            } else {
                ascii(Double.toString(d));
            }
        }
        return this;
    }

    /** Adds an ISO-8601 UTC instant ({@link IsoInstant}) without building a string. */
    public JsonLineBuilder instantField(String name, long epochMillis) {
        name(name);
        ensure(IsoInstant.MAX_LENGTH + 2);
        buffer[length++] = '"';
        length = IsoInstant.write(epochMillis, buffer, length);
        buffer[length++] = '"';
        return this;
    }

    /** Adds {@code "name":true}, or nothing when false. */
    public JsonLineBuilder flag(String name, boolean value) {
        if (value) {
            name(name);
            ascii("true");
        }
        return this;
    }

    /** Adds a field whose value is already-encoded JSON (ASCII). */
    public JsonLineBuilder rawField(String name, String json) {
        name(name);
        ascii(json);
        return this;
    }

    /** Closes the object and appends a newline. */
    public JsonLineBuilder end() {
        appendByte('}');
        appendByte('\n');
        return this;
    }

    public byte[] bytes() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buffer, 0, length);
    }

    private void name(String name) {
        if (!firstField) {
            appendByte(',');
        }
        firstField = false;
        string(name);
        appendByte(':');
    }

    private void ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
    }

    /** Writes a JSON string: escapes quotes, backslashes and controls, encodes the rest as UTF-8. */
    private void string(String value) {
        int n = value.length();
        ensure(n * 3 + 2);
        byte[] out = buffer;
        int pos = length;
        out[pos++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out[pos++] = (byte) c;
                } else {
                    length = pos;
                    // An escape takes up to 6 bytes where 3 were reserved: reserve for the rest again.
                    ensure((n - i) * 3 + 8);
                    escape(c);
                    out = buffer;
                    pos = length;
                }
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                out[pos++] = (byte) (0xF0 | (cp >> 18));
                out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate is not valid UTF-8: write U+FFFD as decoders do.
                out[pos++] = (byte) 0xEF;
                out[pos++] = (byte) 0xBF;
                out[pos++] = (byte) 0xBD;
            } else {
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[pos++] = '"';
        length = pos;
    }

    private void escape(char c) {
        buffer[length++] = '\\';
        switch (c) {
            case '"' -> buffer[length++] = '"';
            case '\\' -> buffer[length++] = '\\';
            case '\n' -> buffer[length++] = 'n';
            case '\r' -> buffer[length++] = 'r';
            case '\t' -> buffer[length++] = 't';
            default -> {
                buffer[length++] = 'u';
                buffer[length++] = '0';
                buffer[length++] = '0';
                buffer[length++] = HEX[c >> 4];
                buffer[length++] = HEX[c & 0xF];
            }
        }
    }

    private void appendByte(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
    }

    private void ensure(int extra) {
        int needed = length + extra + 8;
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
