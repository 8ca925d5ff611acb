package dev.persona.pipeline.blocks;

import java.util.List;

/**
 * The columns of the pipeline's intermediate files ({@code docs/intermediate-format.md}). Ids are part of the file
 * format: a column keeps its id forever, and a new one gets a new id.
 */
public enum Column {
    TIME(1, Encoding.INSTANT),
    FLAGS(2, Encoding.BYTE),
    SOURCE(3, Encoding.TEXT),
    KIND(4, Encoding.TEXT),
    TEXT(5, Encoding.TEXT),
    CONTEXT(6, Encoding.TEXT),
    URL(7, Encoding.TEXT),
    DOMAIN(8, Encoding.TEXT),
    VALUE(9, Encoding.NUMBER),
    DURATION_SECONDS(10, Encoding.NUMBER),
    USER_CATEGORY(11, Encoding.TEXT),
    MEDIUM(12, Encoding.TEXT),
    SEASON(13, Encoding.TEXT),
    PROFILE(14, Encoding.TEXT),
    CATEGORY(15, Encoding.DICTIONARY),
    CONFIDENCE(16, Encoding.BYTE),
    SIGNAL(17, Encoding.BYTE);

    /** How one record's value is laid out in a column. */
    enum Encoding {
        /** 8 bytes, little-endian epoch milliseconds. */
        INSTANT,
        /** 1 byte. */
        BYTE,
        /** An unsigned LEB128 varint of (UTF-8 length + 1), 0 meaning null, then the UTF-8 bytes. */
        TEXT,
        /** 1 byte, 0 for null, 1 followed by the 8 bytes of a little-endian IEEE 754 double. */
        NUMBER,
        /** The block's dictionary (a count, then that many TEXT values) once, then 1 byte per record: its index. */
        DICTIONARY
    }

    /** The columns preprocess writes, in the order of a record's row ({@link ActivityRow}). */
    public static final List<Column> ACTIVITY = List.of(TIME, FLAGS, SOURCE, KIND, TEXT, CONTEXT, URL, DOMAIN, VALUE,
            DURATION_SECONDS, USER_CATEGORY, MEDIUM, SEASON, PROFILE);
    /** The columns categorize adds. */
    public static final List<Column> CLASSIFICATION = List.of(CATEGORY, CONFIDENCE, SIGNAL);

    static final int MAX_ID = 17;
    private static final Column[] BY_ID = new Column[MAX_ID + 1];

    static {
        for (Column column : values()) {
            BY_ID[column.id] = column;
        }
    }

    private final int id;
    private final Encoding encoding;

    Column(int id, Encoding encoding) {
        this.id = id;
        this.encoding = encoding;
    }

    public int id() {
        return id;
    }

    Encoding encoding() {
        return encoding;
    }

    /** The column with this id, or null for an id this version does not know. */
    static Column byId(int id) {
        return id > 0 && id <= MAX_ID ? BY_ID[id] : null;
    }
}
