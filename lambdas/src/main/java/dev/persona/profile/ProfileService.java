package dev.persona.profile;

import java.time.Clock;
import java.util.Optional;

import dev.persona.api.Timestamps;
import dev.persona.items.RevisionChecks;
import dev.persona.items.Revisions;
import dev.persona.items.WriteRefusedException;

/**
 * The caller's profile, created on first use from what their token says (name, e-mail address, locale) and changed
 * field by field. Changes honour {@code If-Match} when it is sent; without it, a change concurrent with another is
 * applied on top of it.
 */
public final class ProfileService {

    public static final String DEFAULT_TIMEZONE = "UTC";
    public static final String DEFAULT_LOCALE = "en";
    static final int ATTEMPTS = 3;

    private final ProfileRepository profiles;
    private final Clock clock;

    public ProfileService(ProfileRepository profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    /** What the token says about the caller, for a first profile. */
    public record Claims(String email, String name, String locale) {
    }

    /** The profile; the first call creates it. */
    public Profile get(String userId, Claims claims) {
        Optional<Profile> existing = profiles.find(userId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String now = Timestamps.format(clock.instant());
        Profile first = new Profile(displayName(userId, claims), DEFAULT_TIMEZONE,
                claims.locale() != null ? claims.locale() : DEFAULT_LOCALE, false, now, now, Revisions.next());
        try {
            profiles.create(userId, first);
            return first;
        } catch (WriteRefusedException e) {
            // Created by a concurrent first request: theirs stands.
            return profiles.find(userId).orElseThrow(() -> e);
        }
    }

    /** Applies {@code changes}; with {@code ifMatch}, only to that revision. */
    public Profile update(String userId, Claims claims, ProfileChanges changes, Optional<String> ifMatch) {
        for (int attempt = 1; ; attempt++) {
            Profile previous = get(userId, claims);
            RevisionChecks.require(ifMatch, previous.revision());
            Profile next = changes.applyTo(previous, Timestamps.format(clock.instant()), Revisions.next());
            try {
                profiles.replace(userId, previous, next);
                return next;
            } catch (WriteRefusedException e) {
                if (ifMatch.isPresent() || attempt == ATTEMPTS) {
                    throw RevisionChecks.answer(e, "No profile.");
                }
            }
        }
    }

    /** The token's name, else the e-mail address's local part, else the user id. */
    private static String displayName(String userId, Claims claims) {
        if (claims.name() != null) {
            return claims.name();
        }
        if (claims.email() != null && claims.email().indexOf('@') > 0) {
            return claims.email().substring(0, claims.email().indexOf('@'));
        }
        return userId;
    }

    /** The profile as {@code GET /v1/me} shows it. */
    public record ProfileView(String userId, String displayName, String timezone, String locale,
            boolean bookmarksInPersona, String email, String createdAt, String updatedAt) {

        public static ProfileView of(String userId, Profile profile, Claims claims) {
            return new ProfileView(userId, profile.displayName(), profile.timezone(), profile.locale(),
                    profile.bookmarksInPersona(), claims.email(), profile.createdAt(), profile.updatedAt());
        }
    }
}
