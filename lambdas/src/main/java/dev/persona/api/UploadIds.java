package dev.persona.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;

/**
 * Upload ids (which are also job ids): 26 characters of Crockford base32, a 48-bit millisecond
 * timestamp followed by 80 random bits. They sort by creation time, are safe in URLs and S3 keys,
 * and cannot be guessed.
 */
public final class UploadIds {

    static final int LENGTH = 26;
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int TIME_CHARACTERS = 10;

    private final Clock clock;
    private final Random random;

    public UploadIds(Clock clock) {
        this(clock, new SecureRandom());
    }

    UploadIds(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    public String next() {
        char[] id = new char[LENGTH];
        long millis = clock.millis();
        for (int i = TIME_CHARACTERS - 1; i >= 0; i--) {
            id[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = TIME_CHARACTERS; i < LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
