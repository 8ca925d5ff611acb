package dev.persona.pipeline.preprocess;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.persona.domain.Activity;
import dev.persona.pipeline.io.Timestamps;

/**
 * Validates a {@link RawRecord} and turns it into a canonical {@link Activity}: a UTC instant in the
 * accepted range, a source and kind, cleaned and redacted text, a reduced web address, and checked
 * numbers. Anything invalid yields a {@link RejectReason} instead.
 */
final class RecordNormalizer {

    static final int MAX_TEXT_LENGTH = 500;
    static final int MAX_CONTEXT_LENGTH = 200;
    static final int MAX_KIND_LENGTH = 40;
    static final int MAX_CATEGORY_LENGTH = 64;
    /** 1980-01-01T00:00:00Z: older timestamps in activity data are defaults or mistakes, not activity. */
    static final long EARLIEST_MILLIS = 315_532_800_000L;
    static final long FUTURE_TOLERANCE_MILLIS = 86_400_000L;

    /** Takeout titles start with what the person did; the verb becomes the kind. */
    private static final List<String[]> TAKEOUT_VERBS = List.of(
            new String[] {"Searched for ", "search"}, new String[] {"Watched ", "watch"},
            new String[] {"Visited ", "visit"}, new String[] {"Viewed ", "view"},
            new String[] {"Listened to ", "listen"}, new String[] {"Subscribed to ", "subscribe"},
            new String[] {"Liked ", "like"}, new String[] {"Disliked ", "dislike"},
            new String[] {"Played ", "play"}, new String[] {"Installed ", "install"},
            new String[] {"Used ", "use"}, new String[] {"Read ", "read"}, new String[] {"Shared ", "share"},
            new String[] {"Saved ", "save"}, new String[] {"Answered ", "answer"},
            new String[] {"Commented on ", "comment"}, new String[] {"Directions to ", "directions"},
            new String[] {"Called ", "call"}, new String[] {"Opened ", "open"},
            new String[] {"Downloaded ", "download"}, new String[] {"Purchased ", "purchase"},
            new String[] {"Searched ", "search"});

    private static final Pattern GROUPED_NUMBER = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern CLOCK_DURATION = Pattern.compile("\\d+(:[0-5]\\d){1,2}(\\.\\d+)?");
    private static final String CURRENCY_SIGNS = "$€£¥₹";

    private final InputFormat format;
    private final ZoneId localZone;
    private final long latestMillis;
    private final Timestamps.Parsed time = new Timestamps.Parsed();
    private final Timestamps.Parsed date = new Timestamps.Parsed();
    /** Takeout sources by product name: few products, millions of records. */
    private final java.util.Map<String, String> takeoutSources = new java.util.HashMap<>();

    /** The offset written in the last accepted record's timestamp, or {@link Timestamps#NO_OFFSET}. */
    private int lastOffsetSeconds;

    RecordNormalizer(InputFormat format, ZoneId localZone, long nowMillis) {
        this.format = format;
        this.localZone = localZone;
        this.latestMillis = nowMillis + FUTURE_TOLERANCE_MILLIS;
    }

    /** The result of normalizing one record: an activity, or why there is none. */
    sealed interface Outcome permits Accepted, Rejected {
    }

    record Accepted(Activity activity) implements Outcome {
    }

    /** A rejection, with the offending value when one field is to blame (shown, redacted, in the report). */
    record Rejected(RejectReason reason, String value) implements Outcome {
        Rejected(RejectReason reason) {
            this(reason, null);
        }
    }

    Outcome normalize(RawRecord record) {
        RejectReason timeProblem = readTime(record);
        if (timeProblem != null) {
            return new Rejected(timeProblem, firstNonNull(record.get(Field.TIMESTAMP), record.get(Field.TIME),
                    record.get(Field.DATE)));
        }
        boolean takeout = format == InputFormat.TAKEOUT_MY_ACTIVITY;
        String kind;
        String text = record.get(Field.TEXT);
        String product = record.get(Field.PRODUCT);
        if (takeout) {
            kind = "activity";
            if (text != null && !text.isEmpty() && Character.isUpperCase(text.charAt(0))) {
                for (String[] verb : TAKEOUT_VERBS) {
                    if (text.charAt(0) == verb[0].charAt(0) && text.startsWith(verb[0])) {
                        kind = verb[1];
                        text = text.substring(verb[0].length());
                        break;
                    }
                }
            }
        } else {
            kind = kindOf(record.get(Field.KIND));
        }
        WebAddress address = WebAddress.parse(record.get(Field.URL));
        WebAddress textAddress = text == null ? null : WebAddress.parse(text);
        if (textAddress != null) {
            // A title that is itself an address ("Visited https://…") says nothing more than the address.
            if (address == null) {
                address = textAddress;
            }
            text = null;
        }
        text = Redactor.redact(Texts.clean(text, MAX_TEXT_LENGTH));
        String context = Redactor.redact(Texts.clean(record.get(Field.CONTEXT), MAX_CONTEXT_LENGTH));
        if (text == null && address == null) {
            return new Rejected(RejectReason.NO_TEXT_OR_URL);
        }
        Double value = null;
        String rawValue = record.get(Field.VALUE);
        if (rawValue != null) {
            value = parseAmount(rawValue);
            if (value == null) {
                return new Rejected(RejectReason.BAD_VALUE, rawValue);
            }
        }
        Double duration = null;
        String rawDuration = record.get(Field.DURATION);
        if (rawDuration != null) {
            duration = parseDuration(rawDuration);
            if (duration == null) {
                return new Rejected(RejectReason.BAD_DURATION, rawDuration);
            }
        }
        String source = takeout ? takeoutSources.computeIfAbsent(product == null ? "activity" : product,
                p -> "takeout/" + slug(p)) : format.wireName();
        String userCategory = Texts.clean(record.get(Field.CATEGORY), MAX_CATEGORY_LENGTH);
        return new Accepted(new Activity(this.time.epochMillis, this.time.dateOnly, source, kind, text, context,
                address == null ? null : address.url(), address == null ? null : address.domain(), value, duration,
                userCategory));
    }

    /** The offset the last accepted record's timestamp was written with, for guessing the user's zone. */
    int lastOffsetSeconds() {
        return lastOffsetSeconds;
    }

    /** Fills {@link #time} from the timestamp, time and date fields; null when valid. */
    private RejectReason readTime(RawRecord record) {
        String timestamp = record.get(Field.TIMESTAMP);
        String timeField = record.get(Field.TIME);
        String dateField = record.get(Field.DATE);
        boolean parsed;
        if (timestamp != null) {
            parsed = Timestamps.parse(timestamp, localZone, time) && !time.timeOfDayOnly;
        } else if (timeField != null && dateField == null) {
            parsed = Timestamps.parse(timeField, localZone, time) && !time.timeOfDayOnly;
        } else if (dateField != null) {
            if (timeField != null && Timestamps.parse(timeField, localZone, date) && date.timeOfDayOnly
                    && Timestamps.parse(dateField, localZone, time) && time.dateOnly) {
                parsed = combine(dateField, timeField);
            } else {
                parsed = Timestamps.parse(dateField, localZone, time) && !time.timeOfDayOnly;
            }
        } else {
            return RejectReason.MISSING_TIMESTAMP;
        }
        if (!parsed) {
            return RejectReason.BAD_TIMESTAMP;
        }
        if (time.epochMillis < EARLIEST_MILLIS || time.epochMillis > latestMillis) {
            return RejectReason.TIMESTAMP_OUT_OF_RANGE;
        }
        lastOffsetSeconds = time.offsetSeconds;
        return null;
    }

    private boolean combine(String dateField, String timeField) {
        String time = timeField.strip();
        return Timestamps.parse(dateField.strip().replace('/', '-') + "T" + (time.length() == 5 ? time + ":00" : time),
                localZone, this.time);
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String kindOf(String raw) {
        String kind = Texts.clean(raw, MAX_KIND_LENGTH);
        return kind == null ? "event" : kind.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /** {@code YouTube Music} becomes {@code youtube-music}. */
    private static String slug(String product) {
        StringBuilder slug = new StringBuilder(product.length());
        for (int i = 0; i < product.length(); i++) {
            char c = Character.toLowerCase(product.charAt(i));
            if (Character.isLetterOrDigit(c)) {
                slug.append(c);
            } else if (!slug.isEmpty() && slug.charAt(slug.length() - 1) != '-') {
                slug.append('-');
            }
        }
        while (!slug.isEmpty() && slug.charAt(slug.length() - 1) == '-') {
            slug.setLength(slug.length() - 1);
        }
        return slug.isEmpty() ? "activity" : slug.toString();
    }

    /**
     * A plain decimal number, optionally with a currency sign before or after and comma thousands
     * separators ({@code $1,234.50}); null for anything else, including locale forms like {@code 1.234,50}.
     */
    static Double parseAmount(String raw) {
        String s = raw.strip();
        while (!s.isEmpty() && CURRENCY_SIGNS.indexOf(s.charAt(0)) >= 0) {
            s = s.substring(1).strip();
        }
        while (!s.isEmpty() && CURRENCY_SIGNS.indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (GROUPED_NUMBER.matcher(s).matches()) {
            s = s.replace(",", "");
        }
        if (!NUMBER.matcher(s).matches()) {
            return null;
        }
        double value = Double.parseDouble(s);
        return Double.isFinite(value) ? value : null;
    }

    /** Seconds from a number of seconds, {@code h:mm:ss}, {@code m:ss} or ISO-8601 ({@code PT1H2M}). */
    static Double parseDuration(String raw) {
        String s = raw.strip();
        Double seconds;
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                seconds = Duration.parse(s).toMillis() / 1000.0;
            } catch (DateTimeParseException e) {
                return null;
            }
        } else if (CLOCK_DURATION.matcher(s).matches()) {
            String[] parts = s.split(":");
            double total = 0;
            for (String part : parts) {
                total = total * 60 + Double.parseDouble(part);
            }
            seconds = total;
        } else {
            seconds = parseAmount(s);
        }
        return seconds == null || seconds < 0 ? null : seconds;
    }
}
