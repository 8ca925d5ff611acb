package dev.persona.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the canonical lines {@link ActivityJson} writes, by scanning their bytes: a flat object of known
 * keys with string, number or boolean values. Values are decoded only when asked for. Much cheaper than a
 * general JSON parser per line, and safe because the pipeline only reads lines it wrote itself.
 * Reusable: {@link #scan} replaces the previous line.
 */
public final class ActivityLine {

    static final String[] KEYS = {ActivityJson.TIME, ActivityJson.DATE_ONLY, ActivityJson.SOURCE, ActivityJson.KIND,
        ActivityJson.TEXT, ActivityJson.CONTEXT, ActivityJson.URL, ActivityJson.DOMAIN, ActivityJson.VALUE,
        ActivityJson.DURATION_SECONDS, ActivityJson.USER_CATEGORY, ActivityJson.MEDIUM, ActivityJson.SEASON,
        ActivityJson.PROFILE, ActivityJson.CATEGORY, ActivityJson.CONFIDENCE, ActivityJson.SIGNAL};
    public static final int TIME = 0;
    public static final int DATE_ONLY = 1;
    public static final int SOURCE = 2;
    public static final int KIND = 3;
    public static final int TEXT = 4;
    public static final int CONTEXT = 5;
    public static final int URL = 6;
    public static final int DOMAIN = 7;
    public static final int VALUE = 8;
    public static final int DURATION_SECONDS = 9;
    public static final int USER_CATEGORY = 10;
    public static final int MEDIUM = 11;
    public static final int SEASON = 12;
    public static final int PROFILE = 13;
    public static final int CATEGORY = 14;
    public static final int CONFIDENCE = 15;
    public static final int SIGNAL = 16;

    private static final byte[][] KEY_BYTES = Arrays.stream(KEYS)
            .map(key -> key.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private final int[] starts = new int[KEYS.length];
    private final int[] ends = new int[KEYS.length];
    private final boolean[] escaped = new boolean[KEYS.length];
    private byte[] buffer;
    private int closingBrace;
    private byte[] scratch = new byte[256];

    /** Scans one line; fails on anything that is not a flat JSON object. */
    public ActivityLine scan(byte[] line, int offset, int length) {
        buffer = line;
        Arrays.fill(starts, -1);
        int end = offset + length;
        int p = skipBlanks(offset, end);
        expect(p < end && line[p] == '{', p);
        p = skipBlanks(p + 1, end);
        while (p < end && line[p] != '}') {
            expect(line[p] == '"', p);
            int keyStart = p + 1;
            int keyEnd = keyStart;
            while (keyEnd < end && line[keyEnd] != '"') {
                keyEnd++;
            }
            int key = keyIndex(keyStart, keyEnd);
            p = skipBlanks(keyEnd + 1, end);
            expect(p < end && line[p] == ':', p);
            p = skipBlanks(p + 1, end);
            int valueStart = p;
            boolean hasEscape = false;
            if (p < end && line[p] == '"') {
                p++;
                while (p < end && line[p] != '"') {
                    if (line[p] == '\\') {
                        hasEscape = true;
                        p++;
                    }
                    p++;
                }
                expect(p < end, p);
                p++;
            } else {
                while (p < end && line[p] != ',' && line[p] != '}' && line[p] != ' ') {
                    p++;
                }
            }
            if (key >= 0) {
                starts[key] = valueStart;
                ends[key] = p;
                escaped[key] = hasEscape;
            }
            p = skipBlanks(p, end);
            if (p < end && line[p] == ',') {
                p = skipBlanks(p + 1, end);
            }
        }
        expect(p < end, p);
        closingBrace = p;
        return this;
    }

    public boolean has(int field) {
        return starts[field] >= 0;
    }

    /** A string field, decoded; null when absent. */
    public String string(int field) {
        int start = starts[field];
        if (start < 0) {
            return null;
        }
        int from = start + 1;
        int to = ends[field] - 1;
        if (!escaped[field]) {
            return new String(buffer, from, to - from, StandardCharsets.UTF_8);
        }
        return unescape(from, to);
    }

    public boolean bool(int field) {
        return starts[field] >= 0 && buffer[starts[field]] == 't';
    }

    /** A number field; null when absent. */
    public Double number(int field) {
        int start = starts[field];
        return start < 0 ? null
                : Double.parseDouble(new String(buffer, start, ends[field] - start, StandardCharsets.US_ASCII));
    }

    /** Position of the object's closing brace in the scanned buffer: appending fields goes before it. */
    public int closingBrace() {
        return closingBrace;
    }

    private int keyIndex(int start, int end) {
        int length = end - start;
        for (int k = 0; k < KEY_BYTES.length; k++) {
            byte[] key = KEY_BYTES[k];
            if (key.length == length && Arrays.equals(key, 0, length, buffer, start, end)) {
                return k;
            }
        }
        return -1;
    }

    private String unescape(int from, int to) {
        if (scratch.length < (to - from) * 3) {
            scratch = new byte[(to - from) * 3];
        }
        int n = 0;
        for (int p = from; p < to; p++) {
            byte b = buffer[p];
            if (b != '\\') {
                scratch[n++] = b;
                continue;
            }
            byte e = buffer[++p];
            switch (e) {
                case 'n' -> scratch[n++] = '\n';
                case 'r' -> scratch[n++] = '\r';
                case 't' -> scratch[n++] = '\t';
                case 'b' -> scratch[n++] = '\b';
                case 'f' -> scratch[n++] = '\f';
                case 'u' -> {
                    int c = Integer.parseInt(new String(buffer, p + 1, 4, StandardCharsets.US_ASCII), 16);
                    p += 4;
                    if (Character.isHighSurrogate((char) c) && p + 6 < to && buffer[p + 1] == '\\'
                            && buffer[p + 2] == 'u') {
                        int low = Integer.parseInt(new String(buffer, p + 3, 4, StandardCharsets.US_ASCII), 16);
                        c = Character.toCodePoint((char) c, (char) low);
                        p += 6;
                    }
                    byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(encoded, 0, scratch, n, encoded.length);
                    n += encoded.length;
                }
                default -> scratch[n++] = e;
            }
        }
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    private int skipBlanks(int p, int end) {
        while (p < end && (buffer[p] == ' ' || buffer[p] == '\t' || buffer[p] == '\r' || buffer[p] == '\n')) {
            p++;
        }
        return p;
    }

    private static void expect(boolean condition, int position) {
        if (!condition) {
            throw new IllegalArgumentException("not a canonical activity line (at byte " + position + ")");
        }
    }
}
