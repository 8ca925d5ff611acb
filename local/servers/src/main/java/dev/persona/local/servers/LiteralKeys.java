package dev.persona.local.servers;

/**
 * S3 keys are literal strings: {@code a/../b} is a key of its own, not {@code b}. S3Proxy's file-system store
 * keeps objects as files named by their keys, where such a key would resolve to another file, so the local S3
 * refuses what it cannot hold literally rather than let a key reach another key's object: a segment that is
 * {@code .} or {@code ..}, an empty segment ({@code a//b}, a leading {@code /}), a NUL character. S3 accepts those
 * keys; the local S3 answers {@code InvalidArgument}, naming why (a documented difference). Keys longer than S3's
 * 1,024 bytes are {@code KeyTooLongError}, as on S3.
 */
final class LiteralKeys {

    /** S3's limit on a key's UTF-8 length. */
    static final int MAX_KEY_BYTES = 1024;

    private LiteralKeys() {
    }

    /**
     * @throws S3GateException when the key cannot be stored literally
     */
    static void requireKey(String key) {
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3GateException(400, "KeyTooLongError", "Your key is too long");
        }
        String[] segments = key.split("/", -1);
        // A key may end with a slash (a folder marker): only its last, empty segment is allowed.
        for (int i = 0; i < segments.length - 1; i++) {
            requireSegment(key, segments[i]);
        }
        if (!segments[segments.length - 1].isEmpty()) {
            requireSegment(key, segments[segments.length - 1]);
        }
    }

    /**
     * A listing's prefix or marker: its complete segments must be literal; its last, partial segment may be
     * anything, since it only filters names.
     */
    static void requirePrefix(String prefix) {
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length - 1; i++) {
            requireSegment(prefix, segments[i]);
        }
        if (prefix.indexOf('\0') >= 0) {
            throw refused(prefix, "a NUL character");
        }
    }

    private static void requireSegment(String key, String segment) {
        if (segment.isEmpty()) {
            throw refused(key, "an empty segment (// or a leading /)");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw refused(key, "a '" + segment + "' segment");
        }
        if (segment.indexOf('\0') >= 0) {
            throw refused(key, "a NUL character");
        }
    }

    private static S3GateException refused(String key, String what) {
        return new S3GateException(400, "InvalidArgument", "The local S3 stores keys as files and cannot hold a key "
                + "with " + what + " literally, so it refuses it (S3 would store it as the literal string): " + key);
    }
}
