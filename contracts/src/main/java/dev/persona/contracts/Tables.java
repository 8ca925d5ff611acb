package dev.persona.contracts;

import java.util.List;

/**
 * The project's tables. Every one is keyed by user first, and so is every index, so every query is confined to one
 * user's items.
 */
public final class Tables {

    /** Index listing one user's items newest first. */
    public static final String BY_CREATED_AT = "byCreatedAt";
    /** Index listing one user's items of one tag newest first ({@link TaggedItems}). */
    public static final String BY_TAG = "byTag";

    /** One item per upload: its pipeline status, counts and outcome. See {@link JobAttributes}. */
    public static final TableDefinition JOBS = new TableDefinition(
            "Jobs",
            KeyAttribute.string(JobAttributes.USER_ID),
            KeyAttribute.string(JobAttributes.JOB_ID),
            List.of(new GlobalIndex(BY_CREATED_AT,
                    KeyAttribute.string(JobAttributes.USER_ID),
                    KeyAttribute.string(JobAttributes.CREATED_AT))),
            JobAttributes.EXPIRES_AT,
            EnvironmentVariables.JOBS_TABLE,
            StateMachineSubstitutions.JOBS_TABLE_NAME);

    /** One item per built persona: the summary shown in lists and the key of the full document. */
    public static final TableDefinition PERSONAS = new TableDefinition(
            "Personas",
            KeyAttribute.string(PersonaAttributes.USER_ID),
            KeyAttribute.string(PersonaAttributes.JOB_ID),
            List.of(new GlobalIndex(BY_CREATED_AT,
                    KeyAttribute.string(PersonaAttributes.USER_ID),
                    KeyAttribute.string(PersonaAttributes.CREATED_AT))),
            PersonaAttributes.EXPIRES_AT,
            EnvironmentVariables.PERSONAS_TABLE,
            null);

    /** Per user: the profile, the usage the quotas are checked against, and markers of applied stream records. */
    public static final TableDefinition ACCOUNTS = new TableDefinition(
            "Accounts",
            KeyAttribute.string(AccountAttributes.USER_ID),
            KeyAttribute.string(AccountAttributes.RECORD),
            List.of(),
            AccountAttributes.EXPIRES_AT,
            EnvironmentVariables.ACCOUNTS_TABLE,
            null);

    /** One item per note, and one per tag of a note. */
    public static final TableDefinition NOTES = new TableDefinition(
            "Notes",
            KeyAttribute.string(NoteAttributes.USER_ID),
            KeyAttribute.string(NoteAttributes.NOTE_ID),
            List.of(new GlobalIndex(BY_CREATED_AT,
                            KeyAttribute.string(NoteAttributes.USER_ID),
                            KeyAttribute.string(NoteAttributes.CREATED_AT)),
                    new GlobalIndex(BY_TAG,
                            KeyAttribute.string(NoteAttributes.USER_ID),
                            KeyAttribute.string(TaggedItems.TAG_ORDER))),
            NoteAttributes.EXPIRES_AT,
            EnvironmentVariables.NOTES_TABLE,
            null);

    /** One item per bookmark, and one per tag of a bookmark. */
    public static final TableDefinition BOOKMARKS = new TableDefinition(
            "Bookmarks",
            KeyAttribute.string(BookmarkAttributes.USER_ID),
            KeyAttribute.string(BookmarkAttributes.BOOKMARK_ID),
            List.of(new GlobalIndex(BY_CREATED_AT,
                            KeyAttribute.string(BookmarkAttributes.USER_ID),
                            KeyAttribute.string(BookmarkAttributes.CREATED_AT)),
                    new GlobalIndex(BY_TAG,
                            KeyAttribute.string(BookmarkAttributes.USER_ID),
                            KeyAttribute.string(TaggedItems.TAG_ORDER))),
            BookmarkAttributes.EXPIRES_AT,
            EnvironmentVariables.BOOKMARKS_TABLE,
            null);

    /**
     * One item per file of the library. Its stream (old and new images) feeds the usage consumer, which also removes
     * the objects of deleted items.
     */
    public static final TableDefinition FILES = new TableDefinition(
            "Files",
            KeyAttribute.string(FileAttributes.USER_ID),
            KeyAttribute.string(FileAttributes.FILE_ID),
            List.of(new GlobalIndex(BY_CREATED_AT,
                    KeyAttribute.string(FileAttributes.USER_ID),
                    KeyAttribute.string(FileAttributes.CREATED_AT))),
            FileAttributes.EXPIRES_AT,
            EnvironmentVariables.FILES_TABLE,
            null,
            "NEW_AND_OLD_IMAGES");

    public static final List<TableDefinition> ALL = List.of(JOBS, PERSONAS, ACCOUNTS, NOTES, BOOKMARKS, FILES);

    private Tables() {
    }
}
