package dev.persona.pipeline.preprocess;

/** Why a record was left out. Row-level: counted and reported, never fatal on its own. */
public enum RejectReason {
    MISSING_TIMESTAMP("missing-timestamp", "timestamp missing"),
    BAD_TIMESTAMP("bad-timestamp", "timestamp in no supported form"),
    AMBIGUOUS_TIME_ZONE("ambiguous-time-zone", "time zone abbreviation naming several zones (declare your time zone "
            + "with the upload)"),
    TIMESTAMP_OUT_OF_RANGE("timestamp-out-of-range", "timestamp before 1980 or in the future"),
    NO_TEXT_OR_URL("no-text-or-url", "neither text nor a web address"),
    BAD_VALUE("bad-value", "value or amount not a number"),
    BAD_DURATION("bad-duration", "duration not in seconds, h:mm:ss or ISO-8601"),
    NOT_AN_OBJECT("not-an-object", "not a JSON object"),
    MALFORMED_LINE("malformed-line", "not valid JSON"),
    RECORD_TOO_LONG("record-too-long", "longer than 1 MiB"),
    TOO_MANY_FIELDS("too-many-fields", "more fields than the header row"),
    INVALID_ENCODING("invalid-encoding", "bytes that are not UTF-8");

    private final String wireName;
    private final String description;

    RejectReason(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    /** A short noun phrase for messages. */
    public String description() {
        return description;
    }
}
