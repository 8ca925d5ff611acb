package dev.persona.local.stepfunctions.asl.paths;

import java.util.ArrayList;
import java.util.List;

/** Parses JSONPath text into a {@link JsonPath}; also parses the paths embedded in filter expressions. */
final class JsonPathParser {

    private final String text;
    private final boolean embedded;
    private int position;

    JsonPathParser(String text) {
        this(text, 0, false);
    }

    private JsonPathParser(String text, int start, boolean embedded) {
        this.text = text;
        this.position = start;
        this.embedded = embedded;
    }

    JsonPath parsePath() {
        JsonPath path = parseFromRoot();
        if (position != text.length()) {
            throw error("unexpected '" + text.charAt(position) + "' at position " + position);
        }
        return path;
    }

    /** Parses a path starting at {@code start} inside a filter; returns it with the position after it. */
    static Parsed parseEmbedded(String text, int start) {
        JsonPathParser parser = new JsonPathParser(text, start, true);
        JsonPath path = parser.parseFromRoot();
        return new Parsed(path, parser.position);
    }

    record Parsed(JsonPath path, int end) {
    }

    private JsonPath parseFromRoot() {
        int start = position;
        JsonPath.Root root;
        String variable = null;
        if (at('@')) {
            root = JsonPath.Root.CURRENT;
            position++;
        } else if (at('$')) {
            position++;
            if (at('$')) {
                root = JsonPath.Root.CONTEXT;
                position++;
            } else if (position < text.length() && isIdentifierStart(text.charAt(position))) {
                root = JsonPath.Root.VARIABLE;
                int nameStart = position;
                while (position < text.length() && isIdentifierPart(text.charAt(position))) {
                    position++;
                }
                variable = text.substring(nameStart, position);
            } else {
                root = JsonPath.Root.INPUT;
            }
        } else {
            throw error("a path must start with '$'");
        }
        List<PathSegment> segments = new ArrayList<>();
        while (position < text.length() && !atEmbeddedEnd()) {
            char c = text.charAt(position);
            if (c == '.') {
                segments.add(parseDotted());
            } else if (c == '[') {
                segments.add(parseBracket());
            } else {
                throw error("unexpected '" + c + "' at position " + position);
            }
        }
        return new JsonPath(text.substring(start, position), root, variable, segments);
    }

    private boolean atEmbeddedEnd() {
        if (!embedded) {
            return false;
        }
        char c = text.charAt(position);
        return Character.isWhitespace(c) || "=!<>&|),".indexOf(c) >= 0;
    }

    private PathSegment parseDotted() {
        position++;
        boolean deep = false;
        if (at('.')) {
            deep = true;
            position++;
        }
        PathSegment segment;
        if (at('[')) {
            if (!deep) {
                throw error("unexpected '[' after '.' at position " + position);
            }
            segment = parseBracket();
        } else if (at('*')) {
            position++;
            segment = new PathSegment.Wildcard();
        } else {
            int start = position;
            while (position < text.length() && text.charAt(position) != '.' && text.charAt(position) != '['
                    && !atEmbeddedEnd()) {
                position++;
            }
            if (position == start) {
                throw error("a path must not end with '.' or '..'");
            }
            segment = new PathSegment.Member(text.substring(start, position));
        }
        return deep ? new PathSegment.DeepScan(segment) : segment;
    }

    private PathSegment parseBracket() {
        position++;
        skipSpaces();
        if (position >= text.length()) {
            throw error("unclosed '['");
        }
        char c = text.charAt(position);
        PathSegment segment;
        if (c == '\'' || c == '"') {
            List<String> names = new ArrayList<>();
            names.add(readQuoted());
            skipSpaces();
            while (at(',')) {
                position++;
                skipSpaces();
                names.add(readQuoted());
                skipSpaces();
            }
            segment = names.size() == 1 ? new PathSegment.Member(names.getFirst()) : new PathSegment.Members(names);
        } else if (c == '*') {
            position++;
            segment = new PathSegment.Wildcard();
        } else if (c == '?') {
            position++;
            skipSpaces();
            if (!at('(')) {
                throw error("expected '(' after '?' at position " + position);
            }
            int close = matchingParenthesis(position);
            segment = new PathSegment.Filter(FilterPredicate.parse(text.substring(position + 1, close)));
            position = close + 1;
        } else {
            int close = text.indexOf(']', position);
            if (close < 0) {
                throw error("unclosed '['");
            }
            segment = parseIndexes(text.substring(position, close).trim());
            position = close;
        }
        skipSpaces();
        if (!at(']')) {
            throw error("expected ']' at position " + position);
        }
        position++;
        return segment;
    }

    private PathSegment parseIndexes(String content) {
        try {
            if (content.contains(":")) {
                String[] parts = content.split(":", -1);
                if (parts.length > 3) {
                    throw error("invalid slice [" + content + "]");
                }
                return new PathSegment.Slice(optionalInt(parts[0]), optionalInt(parts[1]),
                        parts.length == 3 ? optionalInt(parts[2]) : null);
            }
            String[] parts = content.split(",");
            int[] indexes = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                indexes[i] = Integer.parseInt(parts[i].trim());
            }
            return new PathSegment.Index(indexes);
        } catch (NumberFormatException e) {
            throw error("invalid array index [" + content + "]");
        }
    }

    private static Integer optionalInt(String part) {
        String trimmed = part.trim();
        return trimmed.isEmpty() ? null : Integer.parseInt(trimmed);
    }

    /** A quoted member name; a backslash escapes the quote character or a backslash, and is kept otherwise. */
    private String readQuoted() {
        if (!at('\'') && !at('"')) {
            throw error("expected a quoted name at position " + position);
        }
        char quote = text.charAt(position++);
        StringBuilder name = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\\' && position < text.length()) {
                char next = text.charAt(position);
                if (next == quote || next == '\\') {
                    name.append(next);
                    position++;
                } else {
                    name.append(c);
                }
            } else if (c == quote) {
                return name.toString();
            } else {
                name.append(c);
            }
        }
        throw error("unclosed quote");
    }

    private int matchingParenthesis(int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw error("unclosed '(' in filter");
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private boolean at(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private JsonPathSyntaxException error(String detail) {
        return new JsonPathSyntaxException("Invalid JSONPath '" + text + "': " + detail);
    }
}
