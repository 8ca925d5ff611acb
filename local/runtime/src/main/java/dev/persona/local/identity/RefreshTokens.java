package dev.persona.local.identity;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions, each behind an opaque refresh token: what {@code grant_type=refresh_token} renews and
 * {@code /oauth2/revoke} ends. Sessions live in memory; a restart signs everyone out of their sessions (their
 * ID tokens stay valid until they expire, as they would after a Cognito revocation).
 */
final class RefreshTokens {

    record Session(String clientId, String username, List<String> scopes, Instant authTime, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    String issue(Session session) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, session);
        return token;
    }

    /**
     * The live session behind {@code token} for {@code clientId}.
     *
     * @throws OAuthError {@code invalid_grant} when the token is unknown, revoked, expired or another client's
     */
    Session use(String token, String clientId, Instant now) {
        Session session = sessions.get(token);
        if (session == null || !session.clientId().equals(clientId)) {
            throw OAuthError.invalidGrant("unknown or revoked refresh token");
        }
        if (!now.isBefore(session.expires())) {
            sessions.remove(token);
            throw OAuthError.invalidGrant("the refresh token has expired");
        }
        return session;
    }

    /**
     * Ends the session of {@code token}. An unknown token is not an error (RFC 7009 §2.2): it may have been
     * revoked already.
     *
     * @throws OAuthError {@code invalid_request} when the token belongs to another client
     */
    void revoke(String token, String clientId) {
        Session session = sessions.get(token);
        if (session != null && !session.clientId().equals(clientId)) {
            throw OAuthError.invalidRequest("the token was not issued to this client");
        }
        sessions.remove(token);
    }

    /** Ends the session of {@code token} whoever it belongs to: a replayed authorization code started it. */
    void revoke(String token) {
        sessions.remove(token);
    }
}
