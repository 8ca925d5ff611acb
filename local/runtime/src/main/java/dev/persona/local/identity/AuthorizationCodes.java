package dev.persona.local.identity;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Authorization codes between {@code /oauth2/authorize} and {@code /oauth2/token}: random, valid for five
 * minutes as Cognito's are, and redeemable once. A code is consumed by its first redemption whatever the
 * outcome, so a failed attempt cannot be retried with guessed verifiers; a second redemption of a code that
 * was exchanged for tokens revokes the session they started (RFC 6749 §4.1.2).
 */
final class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    /** What the browser was granted at {@code /oauth2/authorize}, bound to the code. */
    record Grant(String clientId, String redirectUri, String codeChallenge, String username, String nonce,
            List<String> scopes, Instant authTime, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> pending = new ConcurrentHashMap<>();
    /** Codes exchanged for tokens, with the refresh token they started, until they would have expired. */
    private final Map<String, Redeemed> redeemed = new ConcurrentHashMap<>();

    private record Redeemed(String refreshToken, Instant expires) {
    }

    String issue(Grant grant, Instant now) {
        forgetExpired(now);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(code, grant);
        return code;
    }

    /**
     * Takes the grant behind {@code code} out of circulation.
     *
     * @param onReplay called with the refresh token of the session a replayed code started
     * @throws OAuthError {@code invalid_grant} when the code is unknown, expired or already used
     */
    Grant redeem(String code, Instant now, Consumer<String> onReplay) {
        Grant grant = pending.remove(code);
        if (grant == null) {
            Redeemed earlier = redeemed.remove(code);
            if (earlier != null) {
                onReplay.accept(earlier.refreshToken());
                throw OAuthError.invalidGrant("the authorization code was already used; the session it started is revoked");
            }
            throw OAuthError.invalidGrant("unknown or already used authorization code");
        }
        if (!now.isBefore(grant.expires())) {
            throw OAuthError.invalidGrant("the authorization code has expired");
        }
        return grant;
    }

    /** Remembers that {@code code} started the session of {@code refreshToken}. */
    void exchanged(String code, Grant grant, String refreshToken) {
        redeemed.put(code, new Redeemed(refreshToken, grant.expires()));
    }

    private void forgetExpired(Instant now) {
        pending.values().removeIf(grant -> !now.isBefore(grant.expires()));
        redeemed.values().removeIf(entry -> !now.isBefore(entry.expires()));
    }
}
