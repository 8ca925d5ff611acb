package dev.persona.pipeline.preprocess;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Reduces a web address to scheme, host and path: query strings and fragments often carry session
 * tokens and personal data, so they are dropped, and e-mail addresses in the path are redacted. Also
 * names the registrable domain, using the common multi-label public suffixes.
 *
 * <p>The result is always a clean http(s) URL (RFC 3986) that is safe to put in an HTML attribute or a link: an
 * ASCII host (internationalized names in their {@code xn--} form), and a path in which every character outside
 * RFC 3986's path characters, plus the apostrophe, is percent-encoded as UTF-8, so quotes, angle brackets,
 * backslashes, spaces and controls never appear. Anything that cannot be made so is no address at all.
 *
 * @param url    the reduced address
 * @param host   the lower-case host
 * @param domain the registrable domain ({@code bbc.co.uk} for {@code www.bbc.co.uk})
 */
record WebAddress(String url, String host, String domain) {

    static final int MAX_PATH_LENGTH = 512;

    /** Second-level public suffixes under which registrations sit one label deeper. */
    private static final Set<String> MULTI_LABEL_SUFFIXES = Set.of(
            "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "sch.uk", "nhs.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "govt.nz", "ac.nz",
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr", "ac.kr", "com.cn", "net.cn", "org.cn",
            "gov.cn", "edu.cn", "com.hk", "org.hk", "com.tw", "org.tw", "com.sg", "edu.sg", "gov.sg",
            "com.my", "co.id", "or.id", "co.th", "ac.th", "com.vn", "com.ph", "co.in", "net.in", "org.in",
            "ac.in", "gov.in", "com.pk", "com.br", "net.br", "org.br", "gov.br", "com.ar", "gob.ar",
            "com.mx", "gob.mx", "com.co", "com.pe", "com.ve", "com.uy", "com.ec", "co.za", "org.za",
            "gov.za", "com.ng", "co.ke", "com.eg", "co.il", "org.il", "ac.il", "com.tr", "gov.tr", "edu.tr",
            "com.sa", "com.ua", "com.pl", "co.at", "or.at", "com.es", "com.gr", "com.pt", "co.hu",
            "github.io", "gitlab.io", "blogspot.com", "herokuapp.com", "netlify.app", "vercel.app",
            "pages.dev", "workers.dev", "wordpress.com", "tumblr.com", "substack.com", "appspot.com",
            "cloudfront.net", "azurewebsites.net");

    /** Null unless {@code raw} is an http(s) address (or starts with {@code www.}). */
    static WebAddress parse(String raw) {
        if (raw == null) {
            return null;
        }
        WebAddress clean = parseClean(raw);
        if (clean != null) {
            return clean;
        }
        String s = raw.strip();
        if (s.isEmpty() || "hHwW".indexOf(s.charAt(0)) < 0) {
            return null;
        }
        int schemeEnd;
        String scheme;
        if (s.regionMatches(true, 0, "https://", 0, 8)) {
            scheme = "https";
            schemeEnd = 8;
        } else if (s.regionMatches(true, 0, "http://", 0, 7)) {
            scheme = "http";
            schemeEnd = 7;
        } else if (s.regionMatches(true, 0, "www.", 0, 4)) {
            scheme = "https";
            schemeEnd = 0;
        } else {
            return null;
        }
        int authorityEnd = schemeEnd;
        while (authorityEnd < s.length() && "/?#".indexOf(s.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = s.substring(schemeEnd, authorityEnd);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String port = "";
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            port = authority.substring(colon + 1);
            authority = authority.substring(0, colon);
            if (port.equals("80") || port.equals("443") || port.isEmpty() || !port.chars().allMatch(Character::isDigit)) {
                port = "";
            }
        }
        String host = asciiHost(lowerCase(authority));
        if (host == null) {
            return null;
        }
        int pathEnd = authorityEnd;
        while (pathEnd < s.length() && s.charAt(pathEnd) != '?' && s.charAt(pathEnd) != '#') {
            pathEnd++;
        }
        String path = encodePath(Redactor.redactEmails(s.substring(authorityEnd, pathEnd)));
        if (path.length() > MAX_PATH_LENGTH) {
            int cut = MAX_PATH_LENGTH;
            // Never cut a percent-escape in two.
            int percent = path.lastIndexOf('%', cut - 1);
            if (percent >= 0 && percent > cut - 3) {
                cut = percent;
            }
            path = path.substring(0, cut);
        }
        if (path.isEmpty()) {
            path = "/";
        }
        String url = port.isEmpty() ? scheme + "://" + host + path : scheme + "://" + host + ":" + port + path;
        return new WebAddress(url, host, registrableDomain(host));
    }

    /**
     * The common case in one pass, giving what the full parse would: a lower-case {@code http(s)://} address whose
     * host is letters, digits, dots and dashes (no user, port or trailing dot) and whose path needs no encoding and
     * holds no {@code @} or {@code %}. Null sends the address to the full parse.
     */
    private static WebAddress parseClean(String s) {
        int schemeEnd;
        if (s.startsWith("https://")) {
            schemeEnd = 8;
        } else if (s.startsWith("http://")) {
            schemeEnd = 7;
        } else {
            return null;
        }
        int n = s.length();
        int p = schemeEnd;
        int hash = 0;
        while (p < n) {
            char c = s.charAt(p);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                hash = 31 * hash + c;
                p++;
            } else {
                break;
            }
        }
        if (p == schemeEnd || s.charAt(p - 1) == '.') {
            return null;
        }
        int pathStart = p;
        while (p < n) {
            char c = s.charAt(p);
            if (c == '?' || c == '#') {
                break;
            }
            if (c >= 0x80 || !CLEAN_PATH[c]) {
                return null;
            }
            p++;
        }
        if (p - pathStart > MAX_PATH_LENGTH || (pathStart < n && s.charAt(pathStart) != '/' && p > pathStart)) {
            return null;
        }
        String url = p == pathStart ? s.substring(0, pathStart) + "/" : p == n ? s : s.substring(0, p);
        int slot = (hash ^ (hash >>> 16)) & (HOSTS.length - 1);
        HostEntry known = HOSTS[slot];
        int hostLength = pathStart - schemeEnd;
        if (known != null && known.host.length() == hostLength
                && s.regionMatches(schemeEnd, known.host, 0, hostLength)) {
            return new WebAddress(url, known.host, known.domain);
        }
        String host = s.substring(schemeEnd, pathStart);
        String domain = registrableDomain(host);
        HOSTS[slot] = new HostEntry(host, domain);
        return new WebAddress(url, host, domain);
    }

    /**
     * Hosts recently seen and their registrable domains: uploads name few hosts millions of times. Entries are
     * immutable, so threads sharing the table can only miss, never read a torn entry.
     */
    private static final HostEntry[] HOSTS = new HostEntry[1024];

    private record HostEntry(String host, String domain) {
    }

    /** Path characters that need neither encoding nor a closer look ({@code %} and {@code @} do). */
    private static final boolean[] CLEAN_PATH = new boolean[0x80];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLEAN_PATH[c] = true;
            CLEAN_PATH[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLEAN_PATH[c] = true;
        }
        for (char c : "-._~!$&()*+,;=:/".toCharArray()) {
            CLEAN_PATH[c] = true;
        }
    }

    static String registrableDomain(String host) {
        if (host.startsWith("[") || isNumeric(host)) {
            return host;
        }
        int last = host.lastIndexOf('.');
        if (last < 0) {
            return host;
        }
        int second = host.lastIndexOf('.', last - 1);
        if (second < 0) {
            return host;
        }
        String lastTwo = host.substring(second + 1);
        if (!MULTI_LABEL_SUFFIXES.contains(lastTwo)) {
            return lastTwo;
        }
        return host.substring(host.lastIndexOf('.', second - 1) + 1);
    }

    private static boolean isNumeric(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static String lowerCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'A' && c <= 'Z') || c >= 0x80) {
                return text.toLowerCase(Locale.ROOT);
            }
        }
        return text;
    }

    /** The host in ASCII (IDNA for international names), or null when it is no valid host name or IPv6 literal. */
    private static String asciiHost(String host) {
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            for (int i = 1; i < host.length() - 1; i++) {
                char c = host.charAt(i);
                if (!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                    return null;
                }
            }
            return host;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                return null;
            }
        }
        String ascii = host;
        if (!isAscii(host)) {
            try {
                ascii = IDN.toASCII(host).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return ascii.isEmpty() || !isAscii(ascii) ? null : ascii;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Percent-encodes (as UTF-8) every character that is not an RFC 3986 path character, and the apostrophe. */
    static String encodePath(String path) {
        int n = path.length();
        int i = 0;
        while (i < n && isPathChar(path, i)) {
            i++;
        }
        if (i == n) {
            return path;
        }
        StringBuilder out = new StringBuilder(n + 16).append(path, 0, i);
        while (i < n) {
            if (isPathChar(path, i)) {
                out.append(path.charAt(i++));
                continue;
            }
            int codePoint = path.codePointAt(i);
            int length = Character.charCount(codePoint);
            byte[] bytes = (Character.isSurrogate(path.charAt(i)) && length == 1 ? "\uFFFD"
                    : path.substring(i, i + length)).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i += length;
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean isPathChar(String path, int i) {
        char c = path.charAt(i);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        if (c == '%') {
            return i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2));
        }
        return "-._~!$&()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
