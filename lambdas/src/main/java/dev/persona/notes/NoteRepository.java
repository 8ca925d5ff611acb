package dev.persona.notes;

import java.util.Optional;

import dev.persona.items.ListingCursor;
import dev.persona.items.Page;

/** The notes table, always within one user's partition; writes fail with {@code WriteRefusedException}. */
public interface NoteRepository {

    /** The note, read strongly consistently. */
    Optional<Note> find(String userId, String noteId);

    void create(String userId, Note note);

    /** Replaces {@code previous} (at its revision) by {@code next}. */
    void replace(String userId, Note previous, Note next);

    /** Deletes {@code previous} (at its revision). */
    void delete(String userId, Note previous);

    /** A page of notes without their bodies, newest first, all or of one tag. */
    Page<Note> list(String userId, Optional<String> tag, int limit, ListingCursor after);

    /** The cursor a listing of this user (and tag) handed out, or a 400. */
    ListingCursor cursor(String encoded, String userId, Optional<String> tag);

    /** Deletes every note of the user; returns how many there were. */
    int deleteAll(String userId);
}
