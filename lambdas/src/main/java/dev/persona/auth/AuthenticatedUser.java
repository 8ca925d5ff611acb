package dev.persona.auth;

import java.util.Objects;

/**
 * The caller a valid token names.
 *
 * @param userId   stable id, unique across providers, valid as a storage key segment
 * @param email    the verified email address, or null when the token carries none
 * @param provider who issued the token
 */
public record AuthenticatedUser(String userId, String email, IdentityProvider provider) {

    public AuthenticatedUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(provider, "provider");
    }
}
