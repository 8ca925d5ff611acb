package dev.persona.profile;

import java.util.Optional;

/** Profiles in the accounts table; writes fail with {@code WriteRefusedException}. */
public interface ProfileRepository {

    /** The profile, read strongly consistently. */
    Optional<Profile> find(String userId);

    /** Writes a first profile; refused with {@code EXISTS} when there is one. */
    void create(String userId, Profile profile);

    /** Replaces {@code previous} (at its revision) by {@code next}. */
    void replace(String userId, Profile previous, Profile next);
}
