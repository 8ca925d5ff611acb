package dev.persona.bookmarks;

/** Bookmark titles: visible text, whitespace collapsed, at most {@value #MAX_LENGTH} characters. */
public final class BookmarkTitles {

    public static final int MAX_LENGTH = 500;

    private BookmarkTitles() {
    }

    /** The title cleaned, or {@code fallback} when nothing visible is left. */
    public static String clean(String title, String fallback) {
        if (title == null) {
            return fallback;
        }
        StringBuilder clean = new StringBuilder();
        boolean space = false;
        int[] codePoints = title.codePoints().toArray();
        for (int c : codePoints) {
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = !clean.isEmpty();
                continue;
            }
            if (space) {
                clean.append(' ');
                space = false;
            }
            if (clean.codePointCount(0, clean.length()) == MAX_LENGTH) {
                break;
            }
            clean.appendCodePoint(c);
        }
        return clean.isEmpty() ? fallback : clean.toString();
    }
}
