package dev.persona.bookmarks;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.persona.contracts.TaggedItems;

/**
 * Reads the Netscape bookmark file every browser exports ({@code <!DOCTYPE NETSCAPE-Bookmark-file-1>}): nested
 * {@code <DL>} lists of folders ({@code <DT><H3>name</H3>}) and links ({@code <DT><A HREF="…" ADD_DATE="…"
 * TAGS="…">title</A>}). The format is loose HTML, never well-formed XML (unclosed {@code <DT>} and {@code <p>}), so it
 * is read as a stream of tags and text rather than parsed as a document. Each link keeps its line, its address and
 * title as written (entities decoded), its {@code ADD_DATE}, and as tags its {@code TAGS} (Firefox) and the name of
 * the folder it is in, turned into tags; the browsers' own top folders (toolbar, other bookmarks) give no tag.
 */
public final class NetscapeBookmarkFile {

    private static final Map<String, String> ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ");
    /** Attributes browsers put on their own top folders. */
    private static final Set<String> TOP_FOLDER_ATTRIBUTES = Set.of("personal_toolbar_folder",
            "unfiled_bookmarks_folder");

    private final String html;
    private int position;
    private int line = 1;
    private int lineCountedTo;

    private NetscapeBookmarkFile(String html) {
        this.html = html;
    }

    /**
     * One link of the file.
     *
     * @param line    the line its {@code <A>} starts on
     * @param addDate its {@code ADD_DATE} as written (seconds since 1970 in every browser's export), or null
     */
    public record Entry(long line, String href, String title, String addDate, List<String> tags) {

        public Entry {
            tags = List.copyOf(tags);
        }
    }

    /** Every link of {@code html}, in order; stops with {@link TooManyEntriesException} past {@code maxEntries}. */
    public static List<Entry> parse(String html, int maxEntries) {
        return new NetscapeBookmarkFile(html).entries(maxEntries);
    }

    /** More links than one import takes. */
    public static final class TooManyEntriesException extends RuntimeException {
        public TooManyEntriesException(int max) {
            super("more than " + max + " bookmarks", null, false, false);
        }
    }

    private List<Entry> entries(int maxEntries) {
        List<Entry> entries = new ArrayList<>();
        Deque<String> folders = new ArrayDeque<>();
        String pendingFolder = null;
        while (true) {
            int open = html.indexOf('<', position);
            if (open < 0) {
                return entries;
            }
            position = open + 1;
            if (html.startsWith("!--", position)) {
                int end = html.indexOf("-->", position);
                position = end < 0 ? html.length() : end + 3;
                continue;
            }
            boolean closing = position < html.length() && html.charAt(position) == '/';
            if (closing) {
                position++;
            }
            String name = name();
            Map<String, String> attributes = attributes();
            switch (name) {
                case "a" -> {
                    if (closing || attributes.get("href") == null) {
                        continue;
                    }
                    long startLine = lineAt(open);
                    String title = textUntil("a");
                    if (entries.size() == maxEntries) {
                        throw new TooManyEntriesException(maxEntries);
                    }
                    entries.add(new Entry(startLine, decode(attributes.get("href")), title, attributes.get("add_date"),
                            tags(attributes.get("tags"), folders.isEmpty() ? null : folders.peek())));
                }
                case "h3" -> {
                    if (closing) {
                        continue;
                    }
                    String folder = textUntil("h3");
                    boolean top = attributes.keySet().stream().anyMatch(TOP_FOLDER_ATTRIBUTES::contains);
                    pendingFolder = top ? "" : folder;
                }
                case "dl" -> {
                    if (closing) {
                        if (!folders.isEmpty()) {
                            folders.pop();
                        }
                    } else {
                        folders.push(pendingFolder == null ? "" : pendingFolder);
                        pendingFolder = null;
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The tag name in lower case, at {@link #position}. */
    private String name() {
        int start = position;
        while (position < html.length() && Character.isLetterOrDigit(html.charAt(position))) {
            position++;
        }
        return html.substring(start, position).toLowerCase(Locale.ROOT);
    }

    /** The attributes up to the tag's {@code >}, names in lower case, values as written. */
    private Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        while (position < html.length()) {
            char c = html.charAt(position);
            if (c == '>') {
                position++;
                return attributes;
            }
            if (Character.isWhitespace(c) || c == '/') {
                position++;
                continue;
            }
            int start = position;
            while (position < html.length() && "=> \t\r\n".indexOf(html.charAt(position)) < 0) {
                position++;
            }
            String attribute = html.substring(start, position).toLowerCase(Locale.ROOT);
            String value = "";
            if (position < html.length() && html.charAt(position) == '=') {
                position++;
                value = value();
            }
            attributes.putIfAbsent(attribute, value);
        }
        return attributes;
    }

    private String value() {
        if (position >= html.length()) {
            return "";
        }
        char quote = html.charAt(position);
        if (quote == '"' || quote == '\'') {
            int end = html.indexOf(quote, position + 1);
            String value = html.substring(position + 1, end < 0 ? html.length() : end);
            position = end < 0 ? html.length() : end + 1;
            return value;
        }
        int start = position;
        while (position < html.length() && "> \t\r\n".indexOf(html.charAt(position)) < 0) {
            position++;
        }
        return html.substring(start, position);
    }

    /** The text up to {@code </name>} (or the next list item), tags inside it dropped, entities decoded. */
    private String textUntil(String name) {
        int end = indexOfIgnoreCase("</" + name, position);
        int next = indexOfIgnoreCase("<dt", position);
        if (end < 0 || (next >= 0 && next < end)) {
            end = next < 0 ? html.length() : next;
        }
        String text = html.substring(position, end).replaceAll("<[^>]*>", "");
        position = end;
        return decode(text);
    }

    private int indexOfIgnoreCase(String needle, int from) {
        for (int i = html.indexOf('<', from); i >= 0; i = html.indexOf('<', i + 1)) {
            if (html.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private long lineAt(int offset) {
        for (int i = lineCountedTo; i < offset; i++) {
            if (html.charAt(i) == '\n') {
                line++;
            }
        }
        lineCountedTo = Math.max(lineCountedTo, offset);
        return line;
    }

    /** HTML character references: the named ones browsers write, and numeric ones. */
    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int semicolon = c == '&' ? text.indexOf(';', i) : -1;
            if (semicolon > i + 1 && semicolon - i <= 10) {
                String reference = text.substring(i + 1, semicolon);
                String replacement = reference(reference);
                if (replacement != null) {
                    out.append(replacement);
                    i = semicolon;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String reference(String reference) {
        if (reference.startsWith("#")) {
            try {
                int codePoint = reference.startsWith("#x") || reference.startsWith("#X")
                        ? Integer.parseInt(reference.substring(2), 16) : Integer.parseInt(reference.substring(1));
                return Character.isValidCodePoint(codePoint) && codePoint != 0 ? Character.toString(codePoint) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(reference.toLowerCase(Locale.ROOT));
    }

    /** The {@code TAGS} attribute's tags and the folder's, made tags; at most {@link TaggedItems#MAX_TAGS}. */
    private static List<String> tags(String tagsAttribute, String folder) {
        Set<String> tags = new LinkedHashSet<>();
        if (tagsAttribute != null) {
            for (String tag : decode(tagsAttribute).split(",")) {
                String normalized = tag(tag);
                if (normalized != null) {
                    tags.add(normalized);
                }
            }
        }
        String folderTag = folder == null ? null : tag(folder);
        if (folderTag != null) {
            tags.add(folderTag);
        }
        return tags.stream().limit(TaggedItems.MAX_TAGS).toList();
    }

    /** A label made a tag: accents dropped, lower case, other characters runs of {@code -}; null when nothing is left. */
    static String tag(String label) {
        String plain = Normalizer.normalize(label, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+", "");
        if (plain.length() > 32) {
            plain = plain.substring(0, 32);
        }
        plain = plain.replaceAll("-+$", "");
        return plain.isEmpty() || !TaggedItems.TAG.matcher(plain).matches() ? null : plain;
    }
}
