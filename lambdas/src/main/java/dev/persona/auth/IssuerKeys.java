package dev.persona.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.persona.logging.StructuredLogger;

/**
 * One issuer's signing keys, cached with a verifier ready per key id.
 *
 * <p>The set is fetched at init. A token naming an unknown key id refreshes it, at most once per
 * {@link #MIN_REFRESH_INTERVAL} (issuers rotate keys rarely; a flood of made-up key ids must not
 * become a flood of fetches). A set older than {@link #MAX_AGE} is refreshed too, so a key the issuer
 * withdrew stops being trusted. A failed fetch keeps the cached keys.
 */
final class IssuerKeys {

    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    static final Duration MAX_AGE = Duration.ofHours(6);
    /** Smaller RSA keys are not accepted even when an issuer publishes them. */
    static final int MIN_RSA_BITS = 2048;

    private static final StructuredLogger LOG = StructuredLogger.of(IssuerKeys.class);

    private final TrustedIssuer issuer;
    private final JwkSetFetcher fetcher;
    private final Clock clock;

    private volatile Map<String, VerificationKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.MIN;
    private Instant lastAttempt;

    IssuerKeys(TrustedIssuer issuer, JwkSetFetcher fetcher, Clock clock) {
        this.issuer = issuer;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    TrustedIssuer issuer() {
        return issuer;
    }

    /** A key the issuer published, with its verifier. */
    record VerificationKey(JWK jwk, JWSVerifier verifier) {

        /** The key's own {@code alg}, when published, must match; so must its type. */
        boolean accepts(JWSAlgorithm algorithm) {
            if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(algorithm)) {
                return false;
            }
            return jwk instanceof RSAKey ? JWSAlgorithm.Family.RSA.contains(algorithm)
                    : JWSAlgorithm.Family.EC.contains(algorithm);
        }
    }

    /** The verifier for {@code keyId}, or null when the issuer has no such key (even after a refresh). */
    VerificationKey find(String keyId) {
        VerificationKey key = keys.get(keyId);
        if (key == null || fetchedAt.plus(MAX_AGE).isBefore(clock.instant())) {
            refreshIfAllowed();
            key = keys.get(keyId);
        }
        return key;
    }

    /** Any cached key id (for warming up), or null when none is cached. */
    String anyKeyId() {
        return keys.keySet().stream().findFirst().orElse(null);
    }

    /** Fetches now unless the last attempt was less than {@link #MIN_REFRESH_INTERVAL} ago. */
    synchronized void refreshIfAllowed() {
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(MIN_REFRESH_INTERVAL))) {
            return;
        }
        lastAttempt = now;
        try {
            keys = verificationKeys(fetcher.fetch(issuer.jwksUri()));
            fetchedAt = now;
            LOG.info("signing keys loaded", "provider", issuer.provider().wireName(), "keys", keys.size());
        } catch (Exception e) {
            LOG.warn("signing keys could not be fetched; keeping the cached ones",
                    "provider", issuer.provider().wireName(), "errorType", e.getClass().getName(),
                    "cachedKeys", keys.size());
        }
    }

    private Map<String, VerificationKey> verificationKeys(JWKSet set) {
        Map<String, VerificationKey> byId = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            if (jwk.getKeyID() == null || (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse()))) {
                continue;
            }
            JWSVerifier verifier = verifier(jwk.toPublicJWK());
            if (verifier != null) {
                byId.put(jwk.getKeyID(), new VerificationKey(jwk.toPublicJWK(), verifier));
            }
        }
        return Map.copyOf(byId);
    }

    private static JWSVerifier verifier(JWK jwk) {
        try {
            if (jwk instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
                return new RSASSAVerifier(rsa);
            }
            if (jwk instanceof ECKey ec) {
                return new ECDSAVerifier(ec);
            }
        } catch (JOSEException e) {
            LOG.warn("unusable signing key skipped", "keyType", jwk.getKeyType().getValue());
        }
        return null;
    }
}
