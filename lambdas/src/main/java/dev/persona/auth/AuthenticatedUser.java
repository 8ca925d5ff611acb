package dev.persona.auth;

import java.util.Objects;

/**
 * The caller a valid token names.
 *
 * @param userId   stable id, unique across providers, valid as a storage key segment
 * @param email    the verified email address, or null when the token carries none
 * @param provider who issued the token
 * @param name     the token's {@code name} claim, cleaned (no control characters, at most 100 characters), or null
 * @param locale   the token's {@code locale} claim when it is a well-formed language tag, or null
 */
public record AuthenticatedUser(String userId, String email, IdentityProvider provider, String name, String locale) {

    static final int MAX_NAME_LENGTH = 100;

    public AuthenticatedUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(provider, "provider");
    }

    public AuthenticatedUser(String userId, String email, IdentityProvider provider) {
        this(userId, email, provider, null, null);
    }

    /** A display name from a token: its visible characters, trimmed, cut at {@value #MAX_NAME_LENGTH}; null if none. */
    static String cleanName(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c)).limit(MAX_NAME_LENGTH).forEach(clean::appendCodePoint);
        String trimmed = clean.toString().strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** A locale claim when it is a well-formed BCP 47 tag ({@code en}, {@code fr-FR}), else null. */
    static String cleanLocale(String locale) {
        if (locale == null || locale.length() > 35) {
            return null;
        }
        String tag = java.util.Locale.forLanguageTag(locale.replace('_', '-')).toLanguageTag();
        return tag.equals("und") ? null : tag;
    }
}
