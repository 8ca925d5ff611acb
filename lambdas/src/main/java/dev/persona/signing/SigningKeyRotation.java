package dev.persona.signing;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.persona.contracts.SigningKeys;
import dev.persona.logging.StructuredLogger;

/**
 * The rotation of the download signing key, in the four steps Secrets Manager runs a rotation function for, each
 * safe to run again:
 *
 * <ol>
 *   <li>{@code createSecret}: a new RSA key pair; its public key registered in CloudFront (named for the rotation's
 *       token), and the pair written as the secret's {@code AWSPENDING} version;</li>
 *   <li>{@code setSecret}: the new public key added to the key group the download distribution trusts;</li>
 *   <li>{@code testSecret}: the pending private key signs, and the key CloudFront holds under its id verifies it; the
 *       key group trusts it;</li>
 *   <li>{@code finishSecret}: signing switches to the new key ({@code AWSCURRENT} moves to it; functions pick it up
 *       within their refresh interval); then every public key the group holds whose successor has been in the group
 *       longer than the retirement period (the longest a URL signed with it stays valid: URL lifetime plus the
 *       functions' refresh interval plus a margin) is removed, and deleted when a rotation created it. The key just
 *       replaced stays until a later rotation: URLs it signed keep working until they expire.</li>
 * </ol>
 */
public final class SigningKeyRotation {

    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";
    /** Added to the URL lifetime and the refresh interval before a retired key leaves the group. */
    static final Duration RETIREMENT_MARGIN = Duration.ofMinutes(5);

    private static final StructuredLogger LOG = StructuredLogger.of(SigningKeyRotation.class);

    private final RotationSecrets secrets;
    private final CdnPublicKeys keys;
    private final String keyGroupId;
    private final Duration retirement;
    private final Clock clock;

    /**
     * @param urlLifetime how long signed URLs are valid
     * @param refresh     how long functions keep the key they read
     */
    public SigningKeyRotation(RotationSecrets secrets, CdnPublicKeys keys, String keyGroupId, Duration urlLifetime,
            Duration refresh, Clock clock) {
        this.secrets = secrets;
        this.keys = keys;
        this.keyGroupId = keyGroupId;
        this.retirement = urlLifetime.plus(refresh).plus(RETIREMENT_MARGIN);
        this.clock = clock;
    }

    /** A step Secrets Manager asked for that cannot be done: the rotation fails and may be tried again. */
    public static final class RotationException extends RuntimeException {
        public RotationException(String message) {
            super(message);
        }
    }

    /** Runs one step for the version {@code token} of the secret. */
    public void run(String secretArn, String token, String step) {
        RotationSecrets.Description description = secrets.describe(secretArn);
        if (!description.rotationEnabled()) {
            throw new RotationException("rotation is not enabled for the secret");
        }
        List<String> stages = description.versionStages().get(token);
        if (stages == null) {
            throw new RotationException("the secret has no version " + token + " to rotate to");
        }
        if (stages.contains(CURRENT)) {
            LOG.info("version already current: nothing to do", "step", step);
            return;
        }
        if (!stages.contains(PENDING)) {
            throw new RotationException("version " + token + " is not staged AWSPENDING");
        }
        switch (step) {
            case "createSecret" -> createSecret(secretArn, token);
            case "setSecret" -> setSecret(secretArn, token);
            case "testSecret" -> testSecret(secretArn, token);
            case "finishSecret" -> finishSecret(secretArn, token, description.versionStages());
            default -> throw new RotationException("not a rotation step: " + step);
        }
        LOG.info("rotation step done", "step", step);
    }

    private void createSecret(String secretArn, String token) {
        secrets.currentValue(secretArn);
        if (secrets.value(secretArn, token, PENDING).isPresent()) {
            return;
        }
        String name = SigningKeys.PUBLIC_KEY_NAME_PREFIX + token;
        // A key registered by an earlier attempt whose secret write failed: its private key is lost, and no group
        // holds it yet.
        keys.findByName(name).ifPresent(stale -> keys.delete(stale.id()));
        KeyPair pair = SigningKeyMaterial.generate();
        String id = keys.create(name, token, SigningKeyMaterial.publicKeyPem(pair.getPublic()));
        secrets.putPending(secretArn, token, SigningKeyMaterial.format(id, pair, clock.instant()));
    }

    private void setSecret(String secretArn, String token) {
        String id = pending(secretArn, token).keyPairId();
        List<String> items = keys.groupItems(keyGroupId);
        if (!items.contains(id)) {
            List<String> more = new ArrayList<>(items);
            more.add(id);
            keys.setGroupItems(keyGroupId, more);
        }
    }

    private void testSecret(String secretArn, String token) {
        SigningKeyMaterial.StoredKey pending = pending(secretArn, token);
        CdnPublicKeys.PublicKeyInfo registered = keys.get(pending.keyPairId());
        if (!SigningKeyMaterial.pairs(pending.privateKey(), registered.encodedKey())) {
            throw new RotationException("the pending private key does not pair with public key "
                    + pending.keyPairId());
        }
        if (!keys.groupItems(keyGroupId).contains(pending.keyPairId())) {
            throw new RotationException("the key group does not trust public key " + pending.keyPairId());
        }
    }

    private void finishSecret(String secretArn, String token, Map<String, List<String>> versions) {
        String current = versions.entrySet().stream().filter(version -> version.getValue().contains(CURRENT))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new RotationException("the secret has no AWSCURRENT version"));
        secrets.makeCurrent(secretArn, token, current);
        removeRetiredKeys(pending(secretArn, token).keyPairId());
    }

    /** Removes from the group every key whose successor has been in it for the retirement period. */
    void removeRetiredKeys(String currentKeyId) {
        List<CdnPublicKeys.PublicKeyInfo> trusted = new ArrayList<>();
        for (String id : keys.groupItems(keyGroupId)) {
            trusted.add(keys.get(id));
        }
        trusted.sort(Comparator.comparing(CdnPublicKeys.PublicKeyInfo::createdTime));
        Instant now = clock.instant();
        List<CdnPublicKeys.PublicKeyInfo> retired = new ArrayList<>();
        for (int i = 0; i < trusted.size() - 1; i++) {
            CdnPublicKeys.PublicKeyInfo key = trusted.get(i);
            Instant successorSince = trusted.get(i + 1).createdTime();
            if (!key.id().equals(currentKeyId) && !successorSince.plus(retirement).isAfter(now)) {
                retired.add(key);
            }
        }
        if (retired.isEmpty()) {
            return;
        }
        List<String> remaining = new ArrayList<>(trusted.stream().map(CdnPublicKeys.PublicKeyInfo::id).toList());
        retired.forEach(key -> remaining.remove(key.id()));
        keys.setGroupItems(keyGroupId, remaining);
        for (CdnPublicKeys.PublicKeyInfo key : retired) {
            if (key.name() != null && key.name().startsWith(SigningKeys.PUBLIC_KEY_NAME_PREFIX)) {
                keys.delete(key.id());
            }
            LOG.info("retired signing key removed from the key group", "keyPairId", key.id());
        }
    }

    private SigningKeyMaterial.StoredKey pending(String secretArn, String token) {
        Optional<String> value = secrets.value(secretArn, token, PENDING);
        return SigningKeyMaterial.parse(value.orElseThrow(() ->
                new RotationException("version " + token + " has no pending value: createSecret has not run")));
    }
}
