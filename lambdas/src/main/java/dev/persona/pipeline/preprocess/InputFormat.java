package dev.persona.pipeline.preprocess;

/** The upload formats, detected from the content. The wire name appears in reports and job records. */
public enum InputFormat {
    /** Google Takeout "My Activity" JSON: an array of objects with header, title, titleUrl, time, products. */
    TAKEOUT_MY_ACTIVITY("takeout-my-activity"),
    /** A JSON array of event objects. */
    JSON_ARRAY("json-array"),
    /** One JSON event object per line. */
    JSON_LINES("json-lines"),
    /** Delimited text with a header row. */
    CSV("csv");

    private final String wireName;

    InputFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
