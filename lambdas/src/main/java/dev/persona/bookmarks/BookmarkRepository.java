package dev.persona.bookmarks;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import dev.persona.items.ListingCursor;
import dev.persona.items.Page;

/** The bookmarks table, always within one user's partition; writes fail with {@code WriteRefusedException}. */
public interface BookmarkRepository {

    /** The bookmark, read strongly consistently. */
    Optional<Bookmark> find(String userId, String bookmarkId);

    /** Writes a new bookmark; refused with {@code EXISTS} when its address is bookmarked already. */
    void create(String userId, Bookmark bookmark);

    /** Writes bookmarks none of which exists, in batches: what an import adds. */
    void createAll(String userId, Collection<Bookmark> bookmarks);

    /** The ids of every bookmark of the user. */
    Set<String> ids(String userId);

    void replace(String userId, Bookmark previous, Bookmark next);

    void delete(String userId, Bookmark previous);

    /** A page of bookmarks, newest first, all or of one tag. */
    Page<Bookmark> list(String userId, Optional<String> tag, int limit, ListingCursor after);

    /** The cursor a listing of this user (and tag) handed out, or a 400. */
    ListingCursor cursor(String encoded, String userId, Optional<String> tag);
}
