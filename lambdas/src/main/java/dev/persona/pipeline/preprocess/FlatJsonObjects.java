package dev.persona.pipeline.preprocess;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.persona.pipeline.io.ByteScan;

/**
 * The fast path of JSON Lines: reads a line that is one flat object (string, number, {@code true}, {@code false} and
 * {@code null} values) straight from its bytes into a {@link RawRecord}, building strings only for the keys that
 * feed a field. It accepts only lines it can read exactly as Jackson would; for anything else (nesting, invalid
 * UTF-8, an escape it does not know, trailing content, a BOM) it answers false and the caller parses the line with
 * Jackson, so the result, and every error, stays Jackson's.
 */
final class FlatJsonObjects {

    private static final int MAX_NUMBER_LENGTH = 64;
    private static final int MAX_KEYS_CACHED = 64;
    private static final Set<Field> REPEATING = EnumSet.of(Field.KIND, Field.PRODUCT, Field.CONTEXT, Field.CATEGORY,
            Field.TRANSITION, Field.PROFILE);

    private final Map<String, Field.Slot> names;
    private final RawRecord record;
    private byte[][] keys = new byte[8][];
    private Field.Slot[] slots = new Field.Slot[8];
    private int keyCount;
    private char[] chars = new char[256];
    private final String[] previousValues = new String[Field.values().length];
    private byte[] line;
    private int end;

    FlatJsonObjects(Map<String, Field.Slot> names, RawRecord record) {
        this.names = names;
        this.record = record;
    }

    /** Reads {@code bytes[offset, offset + length)} into the record; false when Jackson must read it. */
    boolean read(byte[] bytes, int offset, int length, long lineNumber) {
        line = bytes;
        end = offset + length;
        record.clear(lineNumber);
        int p = skipBlanks(offset);
        if (p >= end || bytes[p] != '{') {
            return false;
        }
        p = skipBlanks(p + 1);
        if (p < end && bytes[p] == '}') {
            return skipBlanks(p + 1) == end;
        }
        while (true) {
            if (p >= end || bytes[p] != '"') {
                return false;
            }
            int keyStart = p + 1;
            int keyEnd = keyStart;
            while (keyEnd < end && bytes[keyEnd] != '"' && bytes[keyEnd] != '\\' && bytes[keyEnd] >= 0x20) {
                keyEnd++;
            }
            if (keyEnd >= end || bytes[keyEnd] != '"') {
                return false;
            }
            Field.Slot slot = slot(keyStart, keyEnd);
            p = skipBlanks(keyEnd + 1);
            if (p >= end || bytes[p] != ':') {
                return false;
            }
            p = skipBlanks(p + 1);
            if (p >= end) {
                return false;
            }
            byte b = bytes[p];
            if (b == '"') {
                p = string(p + 1, slot);
            } else if (b == '-' || (b >= '0' && b <= '9')) {
                p = number(p, slot);
            } else if (b == 't') {
                p = literal(p, "true", slot);
            } else if (b == 'f') {
                p = literal(p, "false", slot);
            } else if (b == 'n') {
                p = literal(p, "null", null);
            } else {
                return false;
            }
            if (p < 0) {
                return false;
            }
            p = skipBlanks(p);
            if (p >= end) {
                return false;
            }
            if (bytes[p] == '}') {
                return skipBlanks(p + 1) == end;
            }
            if (bytes[p] != ',') {
                return false;
            }
            p = skipBlanks(p + 1);
        }
    }

    /** A string value from just after its opening quote; returns the position after its closing quote, or -1. */
    private int string(int from, Field.Slot slot) {
        byte[] bytes = line;
        int p = ByteScan.indexOfStringSpecial(bytes, from, end);
        boolean ascii = true;
        while (p < end) {
            byte b = bytes[p];
            if (b == '"') {
                if (slot != null) {
                    String value = ascii ? asciiString(slot.field(), from, p)
                            : new String(bytes, from, p - from, StandardCharsets.UTF_8);
                    if (!ascii && value.indexOf('\uFFFD') >= 0) {
                        return -1;
                    }
                    record.set(slot, value);
                }
                return p + 1;
            }
            if (b == '\\') {
                return escapedString(from, slot);
            }
            if (b >= 0 && b < 0x20) {
                return -1;
            }
            ascii &= b >= 0;
            p++;
        }
        return -1;
    }

    /**
     * An ASCII value: for the fields whose values repeat from line to line (a kind, a product, a channel), the
     * previous line's string when the bytes are the same, so most lines build no string for them.
     */
    private String asciiString(Field field, int from, int to) {
        int length = to - from;
        if (!REPEATING.contains(field)) {
            return new String(line, from, length, StandardCharsets.ISO_8859_1);
        }
        String previous = previousValues[field.ordinal()];
        if (previous != null && previous.length() == length) {
            int i = 0;
            while (i < length && previous.charAt(i) == line[from + i]) {
                i++;
            }
            if (i == length) {
                return previous;
            }
        }
        String value = new String(line, from, length, StandardCharsets.ISO_8859_1);
        previousValues[field.ordinal()] = value;
        return value;
    }

    /** A string with escapes, decoded char by char. */
    private int escapedString(int from, Field.Slot slot) {
        byte[] bytes = line;
        int n = 0;
        int p = from;
        while (p < end) {
            if (chars.length < n + 2) {
                chars = Arrays.copyOf(chars, chars.length * 2);
            }
            byte b = bytes[p];
            if (b == '"') {
                if (slot != null) {
                    record.set(slot, new String(chars, 0, n));
                }
                return p + 1;
            }
            if (b < 0 || b < 0x20) {
                // Raw non-ASCII beside escapes is rare: Jackson reads it.
                return -1;
            }
            if (b != '\\') {
                chars[n++] = (char) b;
                p++;
                continue;
            }
            if (p + 1 >= end) {
                return -1;
            }
            byte e = bytes[p + 1];
            p += 2;
            switch (e) {
                case '"', '\\', '/' -> chars[n++] = (char) e;
                case 'b' -> chars[n++] = '\b';
                case 'f' -> chars[n++] = '\f';
                case 'n' -> chars[n++] = '\n';
                case 'r' -> chars[n++] = '\r';
                case 't' -> chars[n++] = '\t';
                case 'u' -> {
                    int c = p + 4 <= end ? hex4(p) : -1;
                    if (c < 0) {
                        return -1;
                    }
                    chars[n++] = (char) c;
                    p += 4;
                }
                default -> {
                    return -1;
                }
            }
        }
        return -1;
    }

    private int hex4(int p) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(line[p + i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** A number as JSON's grammar has it; its text is the value, as Jackson gives it. */
    private int number(int from, Field.Slot slot) {
        byte[] bytes = line;
        int p = from;
        if (bytes[p] == '-') {
            p++;
        }
        int digits = p;
        if (p < end && bytes[p] == '0') {
            p++;
        } else {
            while (p < end && bytes[p] >= '0' && bytes[p] <= '9') {
                p++;
            }
        }
        if (p == digits) {
            return -1;
        }
        if (p < end && bytes[p] == '.') {
            int fraction = ++p;
            while (p < end && bytes[p] >= '0' && bytes[p] <= '9') {
                p++;
            }
            if (p == fraction) {
                return -1;
            }
        }
        if (p < end && (bytes[p] == 'e' || bytes[p] == 'E')) {
            p++;
            if (p < end && (bytes[p] == '+' || bytes[p] == '-')) {
                p++;
            }
            int exponent = p;
            while (p < end && bytes[p] >= '0' && bytes[p] <= '9') {
                p++;
            }
            if (p == exponent) {
                return -1;
            }
        }
        if (p - from > MAX_NUMBER_LENGTH || (p < end && isWordByte(bytes[p]))) {
            return -1;
        }
        if (slot != null) {
            record.set(slot, new String(bytes, from, p - from, StandardCharsets.ISO_8859_1));
        }
        return p;
    }

    private int literal(int from, String word, Field.Slot slot) {
        int n = word.length();
        if (from + n > end) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (line[from + i] != word.charAt(i)) {
                return -1;
            }
        }
        if (from + n < end && isWordByte(line[from + n])) {
            return -1;
        }
        if (slot != null) {
            record.set(slot, word);
        }
        return from + n;
    }

    private static boolean isWordByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '.' || b == '-'
                || b == '+' || b == '_' || b < 0;
    }

    /** The slot a key feeds (null for none), from a small cache of the keys seen, by their bytes. */
    private Field.Slot slot(int start, int stop) {
        int length = stop - start;
        for (int i = 0; i < keyCount; i++) {
            byte[] key = keys[i];
            if (key.length == length && Arrays.equals(key, 0, length, line, start, stop)) {
                return slots[i];
            }
        }
        Field.Slot slot = names.get(Field.normalized(new String(line, start, length, StandardCharsets.UTF_8)));
        if (keyCount < MAX_KEYS_CACHED) {
            if (keyCount == keys.length) {
                keys = Arrays.copyOf(keys, keyCount * 2);
                slots = Arrays.copyOf(slots, keyCount * 2);
            }
            keys[keyCount] = Arrays.copyOfRange(line, start, stop);
            slots[keyCount++] = slot;
        }
        return slot;
    }

    private int skipBlanks(int p) {
        while (p < end) {
            byte b = line[p];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                break;
            }
            p++;
        }
        return p;
    }
}
