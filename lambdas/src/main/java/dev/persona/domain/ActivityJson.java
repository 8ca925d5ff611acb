package dev.persona.domain;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.persona.pipeline.io.IsoInstant;
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
    public static final String CATEGORY = "category";
    public static final String CONFIDENCE = "confidence";
    public static final String SIGNAL = "signal";

    private static final JsonFactory FACTORY = new JsonFactory();

    private ActivityJson() {
    }

    /** Writes the record as one line (with its newline) into the builder. */
    public static void write(Activity activity, JsonLineBuilder line) {
        line.begin()
                .field(TIME, IsoInstant.format(activity.time()))
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
                .end();
    }

    /** Reads one line written by {@link #write} (extra fields are read into the classification). */
    public static CategorizedActivity read(byte[] buffer, int offset, int length) {
        long time = 0;
        boolean dateOnly = false;
        String source = null;
        String kind = null;
        String text = null;
        String context = null;
        String url = null;
        String domain = null;
        Double value = null;
        Double duration = null;
        String userCategory = null;
        String category = null;
        double confidence = 0;
        String signal = null;
        try (JsonParser parser = FACTORY.createParser(buffer, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an activity line");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case TIME -> time = Timestamps.parseCanonical(parser.getText());
                    case DATE_ONLY -> dateOnly = parser.getBooleanValue();
                    case SOURCE -> source = parser.getText();
                    case KIND -> kind = parser.getText();
                    case TEXT -> text = parser.getText();
                    case CONTEXT -> context = parser.getText();
                    case URL -> url = parser.getText();
                    case DOMAIN -> domain = parser.getText();
                    case VALUE -> value = parser.getDoubleValue();
                    case DURATION_SECONDS -> duration = parser.getDoubleValue();
                    case USER_CATEGORY -> userCategory = parser.getText();
                    case CATEGORY -> category = parser.getText();
                    case CONFIDENCE -> confidence = parser.getDoubleValue();
                    case SIGNAL -> signal = parser.getText();
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CategorizedActivity(new Activity(time, dateOnly, source, kind, text, context, url, domain, value,
                duration, userCategory), category, confidence, signal);
    }
}
