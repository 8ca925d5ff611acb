package dev.persona.bookmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A bookmark's id: 26 characters of Crockford base32 (130 bits) of a SHA-256 over its owner and its normalized
 * address. One address is one bookmark per user, so creating it again or importing it twice finds it; the owner in
 * the digest keeps two people's ids for one address unrelated.
 */
public final class BookmarkIds {

    static final int LENGTH = 26;
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private BookmarkIds() {
    }

    public static String of(String userId, String normalizedUrl) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest(("bookmark\0" + userId + "\0" + normalizedUrl).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int bit = i * 5;
            int value = ((digest[bit / 8] & 0xff) << 8 | (digest[bit / 8 + 1] & 0xff)) >> (11 - bit % 8) & 31;
            id[i] = ALPHABET[value];
        }
        return new String(id);
    }
}
