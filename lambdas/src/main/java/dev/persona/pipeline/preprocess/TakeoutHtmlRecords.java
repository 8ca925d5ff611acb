package dev.persona.pipeline.preprocess;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.persona.pipeline.io.ByteWindow;

/**
 * Google Takeout's HTML activity pages (My Activity for every product, YouTube's watch and search history),
 * streamed: each {@code <div class="outer-cell …">} is one activity, read from its bytes without building a
 * document tree. The markers are found with {@link String#indexOf(String, int, int)} on a Latin-1 view of the
 * buffered bytes (one copy per refill), which the JDK runs with vector instructions. Of a cell it reads the header (the product), the body's lines (the title with its link, a
 * subtitle such as the channel, the date on the last line) and the caption ({@code Products:}, {@code Details:}).
 * A cell larger than 1 MiB is rejected and skipped. The first cell's language is checked: only English is read.
 *
 * <p>A page without any activity cell (Takeout's {@code archive_browser.html}, or any other HTML) is not activity
 * data: {@link #cells()} tells the caller so.
 */
final class TakeoutHtmlRecords implements RecordSource {

    static final int MAX_CELL_BYTES = 1024 * 1024;

    private static final String CELL = "<div class=\"outer-cell";
    private static final String TITLE = "mdl-typography--title\">";
    private static final String BODY = "mdl-typography--body-1\">";
    private static final String CAPTION = "mdl-typography--caption\">";
    private static final String DIV_END = "</div>";
    private static final String BOLD = "<b>";
    private static final String BOLD_END = "</b>";
    private static final String DETAILS_LABEL = "<b>Details:</b>";
    private static final String HREF = "href=\"";
    private static final Field.Slot PRODUCT = new Field.Slot(Field.PRODUCT, 0);
    private static final Field.Slot TEXT = new Field.Slot(Field.TEXT, 0);
    private static final Field.Slot URL = new Field.Slot(Field.URL, 0);
    private static final Field.Slot CONTEXT = new Field.Slot(Field.CONTEXT, 0);
    private static final Field.Slot TIMESTAMP = new Field.Slot(Field.TIMESTAMP, 0);
    private static final Field.Slot DETAILS = new Field.Slot(Field.DETAILS, 0);
    private static final int MAX_LINES = 16;

    private final ByteWindow window;
    private final RawRecord record = new RawRecord();
    private final HtmlText text = new HtmlText();
    /** The buffer's bytes {@code [0, end)} as Latin-1 characters, one per byte, for searching. */
    private String view = "";
    private final int[] lineStarts = new int[MAX_LINES];
    private final int[] lineEnds = new int[MAX_LINES];
    private long cells;
    private boolean languageChecked;
    /** The last product name read, and its bytes: a page names few products, millions of times. */
    private String product;
    private byte[] productBytes = new byte[0];
    private long line = 1;
    /** Up to where {@link #line} counts newlines. */
    private int counted;

    TakeoutHtmlRecords(InputStream in) {
        this.window = new ByteWindow(in, MAX_CELL_BYTES + 64 * 1024);
    }

    /** Where {@code marker} starts in {@code [from, to)} of the buffer, or -1. */
    private int find(String marker, int from, int to) {
        return from >= to ? -1 : view.indexOf(marker, from, to);
    }

    /** Where {@code c} is in {@code [from, to)} of the buffer, or {@code to}. */
    private int until(char c, int from, int to) {
        int at = from >= to ? -1 : view.indexOf(c, from, to);
        return at < 0 ? to : at;
    }

    /** Activity cells found; 0 after reading means the page holds no activity. */
    long cells() {
        return cells;
    }

    @Override
    public void readAll(RecordConsumer consumer) {
        int cell = seekCell(window.start);
        while (cell >= 0) {
            window.start = cell;
            int from = cell + CELL.length();
            int next;
            while ((next = find(CELL, from, window.end)) < 0 && !window.eof()) {
                if (window.available() > MAX_CELL_BYTES) {
                    break;
                }
                from = Math.max(window.start, window.end - CELL.length() + 1);
                int shift = fill();
                from -= shift;
            }
            cells++;
            countLines(window.start);
            int end = next < 0 ? window.end : next;
            if ((next < 0 && !window.eof()) || end - window.start > MAX_CELL_BYTES) {
                consumer.reject(line, RejectReason.RECORD_TOO_LONG, null);
                cell = next >= 0 ? next : seekCell(window.end - CELL.length() + 1);
                continue;
            }
            read(window.start, end, consumer);
            cell = next < 0 ? -1 : next;
        }
    }

    /** Reads forward from {@code from} to the next cell, dropping what comes before it; -1 at the end. */
    private int seekCell(int from) {
        while (true) {
            int found = find(CELL, from, window.end);
            if (found >= 0) {
                return found;
            }
            if (window.eof()) {
                return -1;
            }
            int keep = Math.max(from, window.end - CELL.length() + 1);
            countLines(keep);
            window.start = keep;
            from = keep - fill();
        }
    }

    private int fill() {
        int shift = window.fill();
        counted -= shift;
        view = new String(window.buffer, 0, window.end, StandardCharsets.ISO_8859_1);
        return shift;
    }

    private void countLines(int upTo) {
        byte[] b = window.buffer;
        for (int i = Math.max(counted, window.start); i < upTo; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        counted = upTo;
    }

    /** Reads one cell, front to back: header, body lines, then only what the caption holds that matters. */
    private void read(int from, int to, RecordConsumer consumer) {
        byte[] b = window.buffer;
        record.clear(line);
        int p = from + CELL.length();
        int title = find(TITLE, p, to);
        if (title >= 0) {
            int start = title + TITLE.length();
            p = until('<', start, to);
            record.set(PRODUCT, productName(b, start, p));
        }
        int body = find(BODY, p, to);
        if (body < 0) {
            consumer.reject(line, RejectReason.NO_TEXT_OR_URL, null);
            return;
        }
        int bodyStart = body + BODY.length();
        int bodyEnd = find(DIV_END, bodyStart, to);
        if (bodyEnd < 0) {
            bodyEnd = to;
        }
        int lines = splitLines(b, bodyStart, bodyEnd);
        String date = null;
        if (lines > 0) {
            date = text.of(b, lineStarts[lines - 1], lineEnds[lines - 1]);
            record.set(TIMESTAMP, date);
        }
        if (lines > 1) {
            record.set(TEXT, text.of(b, lineStarts[0], lineEnds[0]));
            record.set(URL, text.href());
        }
        if (lines > 2) {
            record.set(CONTEXT, text.of(b, lineStarts[1], lineEnds[1]));
        }
        int details = find(DETAILS_LABEL, bodyEnd, to);
        if (details >= 0) {
            int valueStart = details + DETAILS_LABEL.length();
            if (splitLines(b, valueStart, nextBold(valueStart, to)) > 0) {
                record.set(DETAILS, text.of(b, lineStarts[0], lineEnds[0]));
            }
        }
        if (!languageChecked) {
            languageChecked = true;
            TakeoutLanguage.requireEnglish(firstCaptionLabel(b, bodyEnd, to), date);
        }
        consumer.accept(record);
    }

    /** The header's product name, the same String as long as the bytes repeat. */
    private String productName(byte[] b, int from, int to) {
        if (to - from != productBytes.length || !Arrays.equals(b, from, to, productBytes, 0, productBytes.length)) {
            productBytes = Arrays.copyOfRange(b, from, to);
            product = text.of(b, from, to);
        }
        return product;
    }

    /** The caption's first label ({@code Products:} in English), or null. */
    private String firstCaptionLabel(byte[] b, int from, int to) {
        int caption = find(CAPTION, from, to);
        if (caption < 0) {
            return null;
        }
        int start = caption + CAPTION.length();
        int end = find(DIV_END, start, to);
        int bold = find(BOLD, start, end < 0 ? to : end);
        if (bold < 0) {
            return null;
        }
        int labelStart = bold + BOLD.length();
        int labelEnd = find(BOLD_END, labelStart, to);
        return labelEnd < 0 ? null : text.of(b, labelStart, labelEnd);
    }

    /** Splits the body at {@code <br>} into non-empty lines; returns how many. */
    private int splitLines(byte[] b, int from, int to) {
        int count = 0;
        int start = from;
        int p = from;
        while (p < to && count < MAX_LINES) {
            int br = indexOfBreak(p, to);
            int end = br < 0 ? to : br;
            if (hasContent(b, start, end)) {
                lineStarts[count] = start;
                lineEnds[count] = end;
                count++;
            }
            if (br < 0) {
                break;
            }
            p = until('>', br, to) + 1;
            start = p;
        }
        return count;
    }

    private int nextBold(int from, int to) {
        int next = find(BOLD, from, to);
        return next < 0 ? to : next;
    }

    /** True when the range holds text outside tags (not only whitespace). */
    private static boolean hasContent(byte[] b, int from, int to) {
        boolean inTag = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            } else if (!inTag && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return true;
            }
        }
        return false;
    }

    /** The next {@code <br>}, {@code <br/>} or {@code <br />}, or -1. */
    private int indexOfBreak(int from, int to) {
        byte[] b = window.buffer;
        for (int at = find("<br", from, to); at >= 0; at = find("<br", at + 3, to)) {
            if (at + 3 < to && (b[at + 3] == '>' || b[at + 3] == '/' || b[at + 3] == ' ')) {
                return at;
            }
        }
        return -1;
    }

    /** Where the ASCII {@code pattern} starts in {@code b[from, to)}, or -1: for short ranges such as one tag. */
    private static int indexOf(byte[] b, String pattern, int from, int to) {
        outer:
        for (int i = from; i + pattern.length() <= to; i++) {
            for (int j = 0; j < pattern.length(); j++) {
                if (b[i + j] != pattern.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int until(byte[] b, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return to;
    }

    /**
     * The text of an HTML fragment: tags dropped, character references decoded, no-break, em, en, thin and narrow
     * spaces as plain spaces, trimmed; and the first link's address. Works on the bytes, reusing one buffer.
     */
    static final class HtmlText {
        private byte[] scratch = new byte[1024];
        private String href;

        /** The text of {@code b[from, to)}; also remembers its first {@code <a href>}. */
        String of(byte[] b, int from, int to) {
            href = null;
            if (scratch.length < (to - from) * 2) {
                scratch = new byte[Math.max((to - from) * 2, scratch.length * 2)];
            }
            int n = 0;
            int i = from;
            while (i < to) {
                byte c = b[i];
                if (c == '<') {
                    int close = until(b, '>', i, to);
                    if (href == null && close - i > 3 && b[i + 1] == 'a' && b[i + 2] == ' ') {
                        href = attribute(b, i, close);
                    }
                    i = close + 1;
                } else if (c == '&') {
                    int end = Math.min(to, i + 12);
                    int semicolon = until(b, ';', i, end);
                    int written = semicolon < end ? reference(b, i + 1, semicolon, scratch, n) : -1;
                    if (written < 0) {
                        scratch[n++] = c;
                        i++;
                    } else {
                        n = written;
                        i = semicolon + 1;
                    }
                } else if (c == (byte) 0xC2 && i + 1 < to && b[i + 1] == (byte) 0xA0) {
                    scratch[n++] = ' ';
                    i += 2;
                } else if (c == (byte) 0xE2 && i + 2 < to && b[i + 1] == (byte) 0x80 && isSpace(b[i + 2])) {
                    scratch[n++] = ' ';
                    i += 3;
                } else {
                    scratch[n++] = c;
                    i++;
                }
            }
            int start = 0;
            while (start < n && scratch[start] == ' ') {
                start++;
            }
            while (n > start && scratch[n - 1] == ' ') {
                n--;
            }
            return new String(scratch, start, n - start, StandardCharsets.UTF_8);
        }

        /** U+2002 en, U+2003 em, U+2009 thin, U+202F narrow no-break space: their last UTF-8 byte after E2 80. */
        private static boolean isSpace(byte last) {
            return last == (byte) 0x82 || last == (byte) 0x83 || last == (byte) 0x89 || last == (byte) 0xAF;
        }

        /** The first link's address in the last fragment read, or null. */
        String href() {
            return href;
        }

        /** A tag's quoted href value, character references decoded. */
        private static String attribute(byte[] b, int from, int to) {
            int at = indexOf(b, HREF, from, to);
            if (at < 0) {
                return null;
            }
            int start = at + HREF.length();
            int end = until(b, '"', start, to);
            if (until(b, '&', start, end) == end) {
                return new String(b, start, end - start, StandardCharsets.UTF_8);
            }
            byte[] value = new byte[(end - start) * 2];
            int n = 0;
            int i = start;
            while (i < end) {
                if (b[i] == '&') {
                    int limit = Math.min(end, i + 12);
                    int semicolon = until(b, ';', i, limit);
                    int written = semicolon < limit ? reference(b, i + 1, semicolon, value, n) : -1;
                    if (written >= 0) {
                        n = written;
                        i = semicolon + 1;
                        continue;
                    }
                }
                value[n++] = b[i++];
            }
            return new String(value, 0, n, StandardCharsets.UTF_8);
        }

        /**
         * Writes the UTF-8 of the character reference {@code &name;} (the name between the bounds) at {@code out[n]};
         * returns the new length, or -1 if the reference is unknown. Spaces of every width become plain spaces.
         */
        private static int reference(byte[] b, int from, int to, byte[] out, int n) {
            int length = to - from;
            if (length < 2) {
                return -1;
            }
            if (b[from] == '#') {
                boolean hex = b[from + 1] == 'x' || b[from + 1] == 'X';
                int code = 0;
                int digits = 0;
                for (int i = from + (hex ? 2 : 1); i < to; i++) {
                    int digit = Character.digit(b[i], hex ? 16 : 10);
                    if (digit < 0 || code > 0x10FFFF) {
                        return -1;
                    }
                    code = code * (hex ? 16 : 10) + digit;
                    digits++;
                }
                if (digits == 0 || code == 0 || !Character.isValidCodePoint(code)
                        || (code >= 0xD800 && code <= 0xDFFF)) {
                    return -1;
                }
                return Character.isSpaceChar(code) ? put(out, n, ' ') : putUtf8(out, n, code);
            }
            return switch (length) {
                case 2 -> b[from] == 'l' && b[from + 1] == 't' ? put(out, n, '<')
                        : b[from] == 'g' && b[from + 1] == 't' ? put(out, n, '>') : -1;
                case 3 -> named(b, from, "amp") ? put(out, n, '&') : -1;
                case 4 -> named(b, from, "quot") ? put(out, n, '"') : named(b, from, "apos") ? put(out, n, '\'')
                        : named(b, from, "nbsp") || named(b, from, "emsp") || named(b, from, "ensp")
                        ? put(out, n, ' ') : -1;
                case 6 -> named(b, from, "thinsp") ? put(out, n, ' ') : -1;
                default -> -1;
            };
        }

        private static boolean named(byte[] b, int from, String name) {
            for (int i = 0; i < name.length(); i++) {
                if (b[from + i] != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static int put(byte[] out, int n, char c) {
            out[n] = (byte) c;
            return n + 1;
        }

        private static int putUtf8(byte[] out, int n, int code) {
            if (code < 0x80) {
                out[n++] = (byte) code;
            } else if (code < 0x800) {
                out[n++] = (byte) (0xC0 | code >> 6);
                out[n++] = (byte) (0x80 | code & 0x3F);
            } else if (code < 0x10000) {
                out[n++] = (byte) (0xE0 | code >> 12);
                out[n++] = (byte) (0x80 | code >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | code & 0x3F);
            } else {
                out[n++] = (byte) (0xF0 | code >> 18);
                out[n++] = (byte) (0x80 | code >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | code >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | code & 0x3F);
            }
            return n;
        }
    }
}
