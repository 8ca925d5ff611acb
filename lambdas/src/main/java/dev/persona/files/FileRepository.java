package dev.persona.files;

import java.util.Optional;

import dev.persona.items.ListingCursor;
import dev.persona.items.Page;

/** The files table, always within one user's partition. */
public interface FileRepository {

    /** Writes a new registration; it expires ({@code expiresAt}, epoch seconds) unless its object arrives. */
    void create(String userId, FileRecord file, long expiresAt);

    Optional<FileRecord> find(String userId, String fileId);

    /** Deletes the item; false when there was none. */
    boolean delete(String userId, String fileId);

    /** A page of files, newest first. */
    Page<FileRecord> list(String userId, int limit, ListingCursor after);

    /** The cursor a listing of this user handed out, or a 400. */
    ListingCursor cursor(String encoded, String userId);
}
