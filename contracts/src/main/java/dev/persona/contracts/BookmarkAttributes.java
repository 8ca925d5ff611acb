package dev.persona.contracts;

/** Attribute names of the bookmarks table ({@link Tables#BOOKMARKS}); tags as {@link TaggedItems} describes. */
public final class BookmarkAttributes {

    public static final String USER_ID = "userId";
    /**
     * The bookmark's id, derived from its owner and its normalized address, so that one address is one bookmark per
     * user; or {@code {bookmarkId}#{tag}} for a membership item.
     */
    public static final String BOOKMARK_ID = "bookmarkId";
    /** The normalized address. */
    public static final String URL = "url";
    public static final String TITLE = "title";
    /** String set of tags. */
    public static final String TAGS = "tags";
    /** When the person bookmarked it (a browser export's {@code ADD_DATE}), else when it was created here. */
    public static final String ADDED_AT = "addedAt";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String REVISION = "revision";
    /** Unused: bookmarks do not expire; every table names a TTL attribute. */
    public static final String EXPIRES_AT = "expiresAt";

    private BookmarkAttributes() {
    }
}
