package dev.persona.api;

import java.util.Optional;

/** The personas table (summaries written by the build-persona step), within one user's partition. */
public interface PersonaRepository {

    Optional<PersonaSummary> find(String userId, String jobId);

    /** The user's most recently built persona. */
    Optional<PersonaSummary> findLatest(String userId);

    /** Deletes every persona item of the user; returns how many there were. */
    int deleteAll(String userId);

    /** What the API needs of a summary item: where the full document is. */
    record PersonaSummary(String userId, String jobId, String createdAt, String personaKey) {
    }
}
