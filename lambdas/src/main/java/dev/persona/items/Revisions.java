package dev.persona.items;

import java.security.SecureRandom;

/**
 * Revisions of items written with optimistic concurrency: a new random value with every write, so that the entity
 * tag of a representation names exactly one write and a write conditioned on it fails once anyone else wrote.
 */
public final class Revisions {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Revisions() {
    }

    /** 20 characters of base32: 100 random bits. */
    public static String next() {
        char[] revision = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            revision[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(revision);
    }
}
