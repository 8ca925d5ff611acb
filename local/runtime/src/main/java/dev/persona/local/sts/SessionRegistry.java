package dev.persona.local.sts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The role sessions STS issued, by access key: what S3 and STS look a signing key up in. Kept in memory,
 * expired ones too, so their keys are answered {@code ExpiredToken} rather than taken for unknown.
 */
final class SessionRegistry {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Map<String, Session> byAccessKey = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** New credentials for a session of {@code role}, valid from {@code now} for {@code duration}. */
    Session issue(StsRole role, String sessionName, String sourceIdentity, IamPolicy sessionPolicy,
            Duration duration, Instant now) {
        Session session;
        do {
            session = new Session(
                    "ASIA" + random(BASE32, 16),
                    random(SECRET_ALPHABET, 40),
                    Base64.getEncoder().encodeToString(randomBytes(96)),
                    // STS states expirations to the second.
                    now.plus(duration).truncatedTo(ChronoUnit.SECONDS),
                    role.arn(),
                    "arn:" + role.partition() + ":sts::" + role.account() + ":assumed-role/" + role.name() + "/"
                            + sessionName,
                    roleId(role) + ":" + sessionName,
                    sourceIdentity,
                    new SessionPermissions(role.permissions(), sessionPolicy));
        } while (byAccessKey.putIfAbsent(session.accessKeyId(), session) != null);
        return session;
    }

    /** The session signing with {@code accessKeyId}, or null when STS never issued that key. */
    Session find(String accessKeyId) {
        return accessKeyId == null ? null : byAccessKey.get(accessKeyId);
    }

    /** IAM's unique id of a role: {@code AROA} and 17 characters, here derived from the ARN so it is stable. */
    static String roleId(StsRole role) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(role.arn().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder id = new StringBuilder("AROA");
        for (int i = 0; i < 17; i++) {
            id.append(BASE32.charAt((digest[i] & 0xff) % BASE32.length()));
        }
        return id.toString();
    }

    private String random(String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
