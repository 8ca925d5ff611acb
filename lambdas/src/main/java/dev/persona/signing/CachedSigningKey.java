package dev.persona.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.persona.logging.StructuredLogger;

/**
 * The download signing key as a function uses it: read from its secret once at initialization (through the Secrets
 * Manager client, which Secrets Manager decrypts with the secret's KMS key), kept in memory, and read again when it is
 * older than the refresh interval, so that a rotation reaches every running function within that interval. A refresh
 * that fails keeps the key it has (a key is valid until the rotation after next removes it) and is tried again on the
 * next use; without any key, signing is unavailable.
 */
public final class CachedSigningKey {

    private static final StructuredLogger LOG = StructuredLogger.of(CachedSigningKey.class);

    private final SecretValues secrets;
    private final String secretArn;
    private final Duration refresh;
    private final Clock clock;
    private volatile Loaded loaded;

    private record Loaded(SigningKeyMaterial.StoredKey key, Instant readAt) {
    }

    /** Reads the secret now: a function's cold start. A secret without a key yet is read again on first use. */
    public CachedSigningKey(SecretValues secrets, String secretArn, Duration refresh, Clock clock) {
        this(secrets, secretArn, refresh, clock, true);
    }

    /**
     * With {@code readNow} false the secret is first read on first use: the init SnapStart snapshots must not hold
     * the key (a snapshot is stored, and restored in many environments).
     */
    public CachedSigningKey(SecretValues secrets, String secretArn, Duration refresh, Clock clock, boolean readNow) {
        this.secrets = secrets;
        this.secretArn = secretArn;
        this.refresh = refresh;
        this.clock = clock;
        if (readNow) {
            read();
        }
    }

    /** Reads the secret now; without a key yet (or when it cannot be read) it is read again on first use. */
    private void read() {
        try {
            load();
        } catch (RuntimeException e) {
            LOG.warn("no download signing key at initialization", "reason", e.getMessage());
        }
    }

    /**
     * The key to sign with.
     *
     * @throws SigningKeyMaterial.NoKeyYetException when no key could be read (the first rotation has not run, or the
     *                                               secret cannot be read and none was read before)
     */
    public SigningKeyMaterial.StoredKey current() {
        Loaded current = loaded;
        if (current == null || !clock.instant().isBefore(current.readAt().plus(refresh))) {
            try {
                current = load();
            } catch (RuntimeException e) {
                if (current == null) {
                    throw e instanceof SigningKeyMaterial.NoKeyYetException noKey ? noKey
                            : new SigningKeyMaterial.NoKeyYetException("the signing key's secret cannot be read");
                }
                LOG.warn("signing key refresh failed; the key read before is kept", "reason", e.getMessage());
            }
        }
        return current.key();
    }

    private synchronized Loaded load() {
        Loaded fresh = new Loaded(SigningKeyMaterial.parse(secrets.current(secretArn)), clock.instant());
        loaded = fresh;
        return fresh;
    }
}
