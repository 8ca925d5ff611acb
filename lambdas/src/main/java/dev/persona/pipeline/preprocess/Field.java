package dev.persona.pipeline.preprocess;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields an upload's records are read into, and the column / key names (case-insensitive) that
 * feed each one. Where several names of one field are present, the one listed first wins.
 */
enum Field {
    /** A full timestamp. */
    TIMESTAMP("timestamp", "datetime", "ts"),
    /** A full timestamp, or a time of day completing {@link #DATE}. */
    TIME("time"),
    /** A date, or a full timestamp. */
    DATE("date"),
    KIND("type", "action", "event"),
    TEXT("title", "name", "text", "query", "description"),
    URL("url", "link", "href", "titleurl"),
    CATEGORY("category"),
    VALUE("value", "amount"),
    DURATION("duration"),
    /** Takeout: the product (header / products). */
    PRODUCT("header", "products"),
    /** Takeout: the first subtitle's name (a channel, artist or place). */
    CONTEXT("subtitles");

    private static final Map<String, Slot> BY_NAME = new HashMap<>();

    static {
        for (Field field : values()) {
            for (int i = 0; i < field.names.length; i++) {
                BY_NAME.put(field.names[i], new Slot(field, i));
            }
        }
        // Takeout's titleUrl is the record's address even when a generic url key is present too.
        BY_NAME.put("titleurl", new Slot(URL, -1));
    }

    private final String[] names;

    Field(String... names) {
        this.names = names;
    }

    /** The slot a column or key name feeds, or null when the name means nothing to us. */
    static Slot slotOf(String name) {
        return BY_NAME.get(name.strip().toLowerCase(Locale.ROOT));
    }

    /** A field and the rank of the name that feeds it (lower wins). */
    record Slot(Field field, int rank) {
    }
}
