package dev.persona.contracts;

/** Attribute names of the notes table ({@link Tables#NOTES}); tags as {@link TaggedItems} describes. */
public final class NoteAttributes {

    public static final String USER_ID = "userId";
    /** The note's id, or {@code {noteId}#{tag}} for a membership item. */
    public static final String NOTE_ID = "noteId";
    public static final String TITLE = "title";
    /** Markdown text. */
    public static final String BODY = "body";
    /** String set of tags. */
    public static final String TAGS = "tags";
    /** ISO-8601 instants. */
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    /** Changes with every write: the entity tag, and the condition of the next write. */
    public static final String REVISION = "revision";
    /** Unused: notes do not expire; every table names a TTL attribute. */
    public static final String EXPIRES_AT = "expiresAt";

    private NoteAttributes() {
    }
}
