package dev.persona.pipeline.preprocess;

/** Whitespace and length normalization of free-text fields. */
final class Texts {

    /**
     * U+1680 OGHAM SPACE MARK: Unicode has no space, line or paragraph separator between U+00A0 and it, so the
     * accented letters of most texts are never looked up.
     */
    private static final char FIRST_SPACE_ABOVE_LATIN1 = '\u1680';

    private Texts() {
    }

    /**
     * Collapses every run of whitespace (including line breaks and no-break spaces) to one space, drops
     * other control characters, trims, and cuts to {@code maxLength} characters with an ellipsis. Returns
     * null for text that is empty afterwards.
     */
    static String clean(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        if (n <= maxLength && isClean(text)) {
            return n == 0 ? null : text;
        }
        StringBuilder out = new StringBuilder(Math.min(n, maxLength + 1));
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
            } else if (!Character.isISOControl(c)) {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        if (out.length() > maxLength) {
            int cut = maxLength - 1;
            if (Character.isLowSurrogate(out.charAt(cut)) && cut > 0) {
                cut--;
            }
            out.setLength(cut);
            out.append('…');
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static boolean isClean(String text) {
        int n = text.length();
        if (n > 0 && (text.charAt(0) == ' ' || text.charAt(n - 1) == ' ')) {
            return false;
        }
        char previous = 'x';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c == ' ' && previous == ' ') || c == 0x7F
                    || (c >= 0x80 && (c <= 0xA0 || (c >= FIRST_SPACE_ABOVE_LATIN1 && Character.isSpaceChar(c))))) {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
