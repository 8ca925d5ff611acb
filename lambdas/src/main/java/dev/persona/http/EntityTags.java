package dev.persona.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Strong entity tags of response bodies and the {@code If-None-Match} comparison (RFC 9110 §13.1.2). */
public final class EntityTags {

    private EntityTags() {
    }

    /** A strong tag: a digest of the exact body bytes, so any change of the representation changes it. */
    public static String of(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when the {@code If-None-Match} header value names {@code tag}: {@code *}, or a list of tags
     * compared weakly (a {@code W/} prefix is ignored), as the RFC prescribes for this header.
     */
    public static boolean matches(String ifNoneMatch, String tag) {
        String wanted = opaque(tag);
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || opaque(trimmed).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the {@code If-Match} header value names {@code tag}: {@code *}, or a list of tags compared strongly,
     * as the RFC prescribes for this header (RFC 9110 §13.1.1): a weak tag never matches.
     */
    public static boolean matchesStrongly(String ifMatch, String tag) {
        for (String candidate : ifMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || trimmed.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** The strong entity tag of a revision: the revision in quotes. */
    public static String ofRevision(String revision) {
        return "\"" + revision + "\"";
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
