package dev.persona.pipeline.blocks;

/** UTF-8 encoding straight into a byte array: ASCII byte by byte, lone surrogates as U+FFFD (as decoders do). */
final class Utf8 {

    private Utf8() {
    }

    /** Encodes {@code value} at {@code offset} (room for 3 bytes per char assumed); returns the offset after it. */
    static int encode(String value, byte[] out, int offset) {
        int pos = offset;
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
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
                out[pos++] = (byte) 0xEF;
                out[pos++] = (byte) 0xBF;
                out[pos++] = (byte) 0xBD;
            } else {
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return pos;
    }
}
