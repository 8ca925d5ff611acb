package dev.persona.pipeline.preprocess;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.persona.pipeline.io.ByteWindow;

/**
 * Google Takeout's HTML activity pages (My Activity for every product, YouTube's watch and search history),
 * streamed: each {@code <div class="outer-cell …">} is one activity, read from its bytes without building a
 * document tree. Of a cell it reads the header (the product), the body's lines (the title with its link, a
 * subtitle such as the channel, the date on the last line) and the caption ({@code Products:}, {@code Details:}).
 * A cell larger than 1 MiB is rejected and skipped. The first cell's language is checked: only English is read.
 *
 * <p>A page without any activity cell (Takeout's {@code archive_browser.html}, or any other HTML) is not activity
 * data: {@link #cells()} tells the caller so.
 */
final class TakeoutHtmlRecords implements RecordSource {

    static final int MAX_CELL_BYTES = 1024 * 1024;

    private static final byte[] CELL = ascii("<div class=\"outer-cell");
    private static final byte[] TITLE = ascii("mdl-typography--title\">");
    private static final byte[] BODY = ascii("mdl-typography--body-1\">");
    private static final byte[] CAPTION = ascii("mdl-typography--caption\">");
    private static final byte[] DIV_END = ascii("</div>");
    private static final byte[] BOLD = ascii("<b>");
    private static final byte[] BOLD_END = ascii("</b>");
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
    private final int[] lineStarts = new int[MAX_LINES];
    private final int[] lineEnds = new int[MAX_LINES];
    private long cells;
    private boolean languageChecked;
    private long line = 1;
    /** Up to where {@link #line} counts newlines. */
    private int counted;

    TakeoutHtmlRecords(InputStream in) {
        this.window = new ByteWindow(in, MAX_CELL_BYTES + 64 * 1024);
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
            int from = cell + CELL.length;
            int next;
            while ((next = indexOf(window.buffer, CELL, from, window.end)) < 0 && !window.eof()) {
                if (window.available() > MAX_CELL_BYTES) {
                    break;
                }
                from = Math.max(window.start, window.end - CELL.length + 1);
                int shift = fill();
                from -= shift;
            }
            cells++;
            countLines(window.start);
            int end = next < 0 ? window.end : next;
            if ((next < 0 && !window.eof()) || end - window.start > MAX_CELL_BYTES) {
                consumer.reject(line, RejectReason.RECORD_TOO_LONG, null);
                cell = next >= 0 ? next : seekCell(window.end - CELL.length + 1);
                continue;
            }
            read(window.start, end, consumer);
            cell = next < 0 ? -1 : next;
        }
    }

    /** Reads forward from {@code from} to the next cell, dropping what comes before it; -1 at the end. */
    private int seekCell(int from) {
        while (true) {
            int found = indexOf(window.buffer, CELL, from, window.end);
            if (found >= 0) {
                return found;
            }
            if (window.eof()) {
                return -1;
            }
            int keep = Math.max(from, window.end - CELL.length + 1);
            countLines(keep);
            window.start = keep;
            from = keep - fill();
        }
    }

    private int fill() {
        int shift = window.fill();
        counted -= shift;
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

    private void read(int from, int to, RecordConsumer consumer) {
        byte[] b = window.buffer;
        record.clear(line);
        int title = indexOf(b, TITLE, from, to);
        if (title >= 0) {
            int start = title + TITLE.length;
            record.set(PRODUCT, text.of(b, start, until(b, '<', start, to)));
        }
        int body = indexOf(b, BODY, from, to);
        if (body < 0) {
            consumer.reject(line, RejectReason.NO_TEXT_OR_URL, null);
            return;
        }
        int bodyStart = body + BODY.length;
        int bodyEnd = indexOf(b, DIV_END, bodyStart, to);
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
        String label = caption(b, bodyEnd, to);
        if (!languageChecked) {
            languageChecked = true;
            TakeoutLanguage.requireEnglish(label, date);
        }
        consumer.accept(record);
    }

    /** Splits the body at {@code <br>} into non-empty lines; returns how many. */
    private int splitLines(byte[] b, int from, int to) {
        int count = 0;
        int start = from;
        int p = from;
        while (p < to && count < MAX_LINES) {
            int br = indexOfBreak(b, p, to);
            int end = br < 0 ? to : br;
            if (hasContent(b, start, end)) {
                lineStarts[count] = start;
                lineEnds[count] = end;
                count++;
            }
            if (br < 0) {
                break;
            }
            p = until(b, '>', br, to) + 1;
            start = p;
        }
        return count;
    }

    /** Reads the caption's labelled values into the record; returns its first label, or null. */
    private String caption(byte[] b, int from, int to) {
        int caption = indexOf(b, CAPTION, from, to);
        if (caption < 0) {
            return null;
        }
        int start = caption + CAPTION.length;
        int end = indexOf(b, DIV_END, start, to);
        if (end < 0) {
            end = to;
        }
        String first = null;
        int p = start;
        while (true) {
            int bold = indexOf(b, BOLD, p, end);
            if (bold < 0) {
                return first;
            }
            int labelStart = bold + BOLD.length;
            int labelEnd = indexOf(b, BOLD_END, labelStart, end);
            if (labelEnd < 0) {
                return first;
            }
            String label = text.of(b, labelStart, labelEnd);
            if (first == null) {
                first = label;
            }
            int valueStart = labelEnd + BOLD_END.length;
            int lines = splitLines(b, valueStart, nextBold(b, valueStart, end));
            if (lines > 0) {
                if (label.equals("Products:")) {
                    record.set(PRODUCT, text.of(b, lineStarts[0], lineEnds[0]));
                } else if (label.equals("Details:")) {
                    record.set(DETAILS, text.of(b, lineStarts[0], lineEnds[0]));
                }
            }
            p = valueStart;
        }
    }

    private static int nextBold(byte[] b, int from, int to) {
        int next = indexOf(b, BOLD, from, to);
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
    private static int indexOfBreak(byte[] b, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (b[i] == '<' && (b[i + 1] | 0x20) == 'b' && (b[i + 2] | 0x20) == 'r'
                    && (b[i + 3] == '>' || b[i + 3] == '/' || b[i + 3] == ' ')) {
                return i;
            }
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

    static int indexOf(byte[] b, byte[] pattern, int from, int to) {
        byte first = pattern[0];
        int last = to - pattern.length;
        for (int i = from; i <= last; i++) {
            if (b[i] == first && Arrays.equals(b, i + 1, i + pattern.length, pattern, 1, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The text of an HTML fragment: tags dropped, character references decoded, no-break and em spaces as plain
     * spaces; and the first link's address. Reuses one buffer.
     */
    static final class HtmlText {
        private byte[] scratch = new byte[1024];
        private String href;

        /** The text of {@code b[from, to)}; also remembers its first {@code <a href>}. */
        String of(byte[] b, int from, int to) {
            href = null;
            if (scratch.length < to - from) {
                scratch = new byte[Math.max(to - from, scratch.length * 2)];
            }
            int n = 0;
            int i = from;
            boolean special = false;
            while (i < to) {
                byte c = b[i];
                if (c == '<') {
                    int close = until(b, '>', i, to);
                    if (href == null && close - i > 3 && b[i + 1] == 'a' && b[i + 2] == ' ') {
                        href = attribute(b, i, close, HREF);
                    }
                    i = close + 1;
                } else if (c == '&') {
                    int semicolon = until(b, ';', i, Math.min(to, i + 12));
                    String decoded = semicolon < Math.min(to, i + 12) ? reference(b, i + 1, semicolon) : null;
                    if (decoded == null) {
                        scratch[n++] = c;
                        i++;
                    } else {
                        byte[] bytes = decoded.getBytes(StandardCharsets.UTF_8);
                        System.arraycopy(bytes, 0, scratch, n, bytes.length);
                        n += bytes.length;
                        i = semicolon + 1;
                    }
                } else {
                    if (c < 0) {
                        special = true;
                    }
                    scratch[n++] = c;
                    i++;
                }
            }
            String result = new String(scratch, 0, n, StandardCharsets.UTF_8);
            if (special) {
                result = result.replace('\u00A0', ' ').replace('\u2003', ' ').replace('\u2002', ' ')
                        .replace('\u2009', ' ');
            }
            return result.strip();
        }

        /** The first link's address in the last fragment read, or null. */
        String href() {
            return href;
        }

        private static final byte[] HREF = ascii("href=\"");

        /** A quoted attribute's value, character references decoded. */
        private static String attribute(byte[] b, int from, int to, byte[] name) {
            int at = indexOf(b, name, from, to);
            if (at < 0) {
                return null;
            }
            int start = at + name.length;
            int end = until(b, '"', start, to);
            if (until(b, '&', start, end) == end) {
                return new String(b, start, end - start, StandardCharsets.UTF_8);
            }
            StringBuilder value = new StringBuilder(end - start);
            int i = start;
            while (i < end) {
                int amp = until(b, '&', i, end);
                value.append(new String(b, i, amp - i, StandardCharsets.UTF_8));
                if (amp == end) {
                    break;
                }
                int semicolon = until(b, ';', amp, Math.min(end, amp + 12));
                String decoded = semicolon < Math.min(end, amp + 12) ? reference(b, amp + 1, semicolon) : null;
                value.append(decoded == null ? "&" : decoded);
                i = decoded == null ? amp + 1 : semicolon + 1;
            }
            return value.toString();
        }

        /** The text of a character reference {@code &name;} (name between the bounds), or null if unknown. */
        private static String reference(byte[] b, int from, int to) {
            if (to - from < 2) {
                return null;
            }
            if (b[from] == '#') {
                try {
                    boolean hex = b[from + 1] == 'x' || b[from + 1] == 'X';
                    String digits = new String(b, from + (hex ? 2 : 1), to - from - (hex ? 2 : 1),
                            StandardCharsets.US_ASCII);
                    int code = Integer.parseInt(digits, hex ? 16 : 10);
                    if (!Character.isValidCodePoint(code) || code == 0) {
                        return null;
                    }
                    return Character.isSpaceChar(code) ? " " : new String(Character.toChars(code));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return switch (new String(b, from, to - from, StandardCharsets.US_ASCII)) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp", "emsp", "ensp", "thinsp" -> " ";
                default -> null;
            };
        }
    }
}
