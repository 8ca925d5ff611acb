package dev.persona.pipeline.preprocess;

/** Why a file inside an archive was not read. Counted per reason in the report; never fatal on its own. */
public enum EntrySkipReason {
    NOT_TEXT("not-text", "binary files such as photos"),
    NOT_UTF8("not-utf8", "text that is not UTF-8"),
    EMPTY("empty", "empty files"),
    NOT_ACTIVITY_DATA("not-activity-data", "files that are not activity data"),
    NESTED_ARCHIVE("nested-archive", "archives inside the archive, which are not opened");

    private final String wireName;
    private final String description;

    EntrySkipReason(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    /** A plural noun phrase for messages. */
    public String description() {
        return description;
    }
}
