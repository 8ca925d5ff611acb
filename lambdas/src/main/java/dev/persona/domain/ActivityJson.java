package dev.persona.domain;

import dev.persona.pipeline.io.JsonLineBuilder;
import dev.persona.pipeline.io.Timestamps;

/**
 * The canonical JSON line of an {@link Activity} (and of a categorized one, which adds three fields).
 * Field order is fixed, so identical records give identical bytes, which de-duplication relies on.
 */
public final class ActivityJson {

    public static final String TIME = "time";
    public static final String DATE_ONLY = "dateOnly";
    public static final String SOURCE = "source";
    public static final String KIND = "kind";
    public static final String TEXT = "text";
    public static final String CONTEXT = "context";
    public static final String URL = "url";
    public static final String DOMAIN = "domain";
    public static final String VALUE = "value";
    public static final String DURATION_SECONDS = "durationSeconds";
    public static final String USER_CATEGORY = "userCategory";
    public static final String MEDIUM = "medium";
    public static final String SEASON = "season";
    public static final String PROFILE = "profile";
    public static final String CATEGORY = "category";
    public static final String CONFIDENCE = "confidence";
    public static final String SIGNAL = "signal";

    private ActivityJson() {
    }

    /** Writes the record as one line (with its newline) into the builder. */
    public static void write(Activity activity, JsonLineBuilder line) {
        line.begin()
                .instantField(TIME, activity.time())
                .flag(DATE_ONLY, activity.dateOnly())
                .field(SOURCE, activity.source())
                .field(KIND, activity.kind())
                .field(TEXT, activity.text())
                .field(CONTEXT, activity.context())
                .field(URL, activity.url())
                .field(DOMAIN, activity.domain())
                .field(VALUE, activity.value())
                .field(DURATION_SECONDS, activity.durationSeconds())
                .field(USER_CATEGORY, activity.userCategory())
                .field(MEDIUM, activity.medium())
                .field(SEASON, activity.season())
                .field(PROFILE, activity.profile())
                .end();
    }

    /** Reads one line written by {@link #write} (with the categorization fields when present). */
    public static CategorizedActivity read(byte[] buffer, int offset, int length) {
        return read(new ActivityLine().scan(buffer, offset, length));
    }

    /** Reads the line a scanner holds. */
    public static CategorizedActivity read(ActivityLine line) {
        Double confidence = line.number(ActivityLine.CONFIDENCE);
        return new CategorizedActivity(new Activity(
                Timestamps.parseCanonical(line.string(ActivityLine.TIME)),
                line.bool(ActivityLine.DATE_ONLY),
                line.string(ActivityLine.SOURCE),
                line.string(ActivityLine.KIND),
                line.string(ActivityLine.TEXT),
                line.string(ActivityLine.CONTEXT),
                line.string(ActivityLine.URL),
                line.string(ActivityLine.DOMAIN),
                line.number(ActivityLine.VALUE),
                line.number(ActivityLine.DURATION_SECONDS),
                line.string(ActivityLine.USER_CATEGORY),
                line.string(ActivityLine.MEDIUM),
                line.string(ActivityLine.SEASON),
                line.string(ActivityLine.PROFILE)),
                line.string(ActivityLine.CATEGORY), confidence == null ? 0 : confidence,
                line.string(ActivityLine.SIGNAL));
    }
}
