package dev.persona.bookmarks;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bookmark addresses: validated and normalized so that two ways of writing one address are one bookmark. The
 * normalization is RFC 3986's syntax- and scheme-based one (section 6.2.2 and 6.2.3): scheme and host in lower case,
 * an internationalized host in its ASCII (punycode) form, the scheme's default port dropped, an empty path made
 * {@code /}, dot segments removed, percent-encodings of unreserved characters decoded and the others' hex digits in
 * upper case, characters that may not appear in a URI percent-encoded as UTF-8, and the fragment (which never
 * reaches the server) dropped. The query is kept as it is: its order can matter to the site.
 */
public final class BookmarkUrls {

    /** The longest address kept, once normalized. */
    public static final int MAX_LENGTH = 2048;

    /** RFC 3986 appendix B: scheme, authority, path, query, fragment. */
    private static final Pattern PARTS = Pattern.compile("^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#.*)?$",
            Pattern.DOTALL);
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]{2,45}\\]");
    private static final String HEX = "0123456789ABCDEF";

    private BookmarkUrls() {
    }

    /** Why an address is not one a bookmark can have. */
    public enum Problem {
        EMPTY("no address"),
        TOO_LONG("longer than " + MAX_LENGTH + " characters"),
        NOT_HTTP("not an http or https address"),
        NO_HOST("no host name"),
        BAD_HOST("not a valid host name"),
        BAD_PORT("not a valid port"),
        CREDENTIALS("carries a user name or password");

        private final String description;

        Problem(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        /** {@code not-http}: how reports and field errors name it. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** An address, normalized, or the problem that makes it none. */
    public record Normalized(String url, Problem problem) {

        public boolean valid() {
            return problem == null;
        }

        /** The host, for a default title. */
        public String host() {
            int start = url.indexOf("//") + 2;
            int end = start;
            while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != ':') {
                end++;
            }
            return url.substring(start, end);
        }
    }

    public static Normalized normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return invalid(Problem.EMPTY);
        }
        String text = raw.strip();
        if (text.length() > MAX_LENGTH) {
            return invalid(Problem.TOO_LONG);
        }
        Matcher parts = PARTS.matcher(text);
        if (!parts.matches() || parts.group(1) == null) {
            return invalid(Problem.NOT_HTTP);
        }
        String scheme = parts.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return invalid(Problem.NOT_HTTP);
        }
        String authority = parts.group(2);
        if (authority == null || authority.isEmpty()) {
            return invalid(Problem.NO_HOST);
        }
        if (authority.indexOf('@') >= 0) {
            return invalid(Problem.CREDENTIALS);
        }
        String host = authority;
        String port = null;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(']', colon) < 0) {
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        }
        String asciiHost = host(host);
        if (asciiHost == null) {
            return invalid(asciiHost == null && host.isEmpty() ? Problem.NO_HOST : Problem.BAD_HOST);
        }
        StringBuilder url = new StringBuilder(scheme).append("://").append(asciiHost);
        if (port != null && !port.isEmpty()) {
            if (!port.chars().allMatch(Character::isDigit) || port.length() > 5 || Integer.parseInt(port) == 0
                    || Integer.parseInt(port) > 65_535) {
                return invalid(Problem.BAD_PORT);
            }
            int number = Integer.parseInt(port);
            if (number != (scheme.equals("http") ? 80 : 443)) {
                url.append(':').append(number);
            }
        }
        String path = removeDotSegments(encoding(parts.group(3)));
        url.append(path.isEmpty() ? "/" : path);
        String query = parts.group(4);
        if (query != null && !query.isEmpty()) {
            url.append('?').append(encoding(query));
        }
        if (url.length() > MAX_LENGTH) {
            return invalid(Problem.TOO_LONG);
        }
        return new Normalized(url.toString(), null);
    }

    private static Normalized invalid(Problem problem) {
        return new Normalized(null, problem);
    }

    /** The host in lower-case ASCII, or null when it is not a host name or IP address. */
    private static String host(String host) {
        if (host.isEmpty()) {
            return null;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            return IPV6.matcher(lower).matches() ? lower : null;
        }
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (IPV4.matcher(ascii).matches()) {
            return ascii;
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            return null;
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return ascii;
    }

    /**
     * Percent-encodings normalized: those of unreserved characters decoded, the others in upper case; characters
     * that may not appear in a URI (spaces, non-ASCII, {@code "<>\^`{|}}) encoded as UTF-8; a {@code %} that starts
     * no encoding encoded itself.
     */
    static String encoding(String value) {
        StringBuilder out = new StringBuilder(value.length());
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                int decoded = hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]);
                if (unreserved(decoded)) {
                    out.append((char) decoded);
                } else {
                    out.append('%').append(HEX.charAt(decoded >> 4)).append(HEX.charAt(decoded & 15));
                }
                i += 2;
            } else if (b > 0x20 && b < 0x7f && "\"<>\\^`{|}%".indexOf(b) < 0) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 15));
            }
        }
        return out.toString();
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static int hex(byte b) {
        int c = Character.toUpperCase((char) (b & 0xff));
        return HEX.indexOf(c);
    }

    /** RFC 3986 section 5.2.4. */
    static String removeDotSegments(String path) {
        if (!path.contains(".")) {
            return path;
        }
        Deque<String> output = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".")) {
                if (last) {
                    output.addLast("");
                }
            } else if (segment.equals("..")) {
                if (output.size() > 1) {
                    output.removeLast();
                }
                if (last) {
                    output.addLast("");
                }
            } else {
                output.addLast(segment);
            }
        }
        String joined = String.join("/", output);
        return path.startsWith("/") && !joined.startsWith("/") ? "/" + joined : joined;
    }
}
