package dev.persona.pipeline.preprocess;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.persona.domain.Activity;
import dev.persona.pipeline.io.Timestamps;

/**
 * Validates a {@link RawRecord} and turns it into a canonical {@link Activity}: a UTC instant in the
 * accepted range, a source and kind, cleaned and redacted text, a reduced web address, and checked
 * numbers. Anything invalid yields a {@link RejectReason}; a valid record that is not the person's own activity
 * (an advertisement, a trailer, a reload) yields a {@link RecordSkipReason}.
 */
final class RecordNormalizer {

    static final int MAX_TEXT_LENGTH = 500;
    static final int MAX_CONTEXT_LENGTH = 200;
    static final int MAX_KIND_LENGTH = 40;
    static final int MAX_CATEGORY_LENGTH = 64;
    static final int MAX_SOURCE_LENGTH = 40;
    static final int MAX_SEASON_LENGTH = 80;
    static final int MAX_PROFILE_LENGTH = 64;
    /** 1980-01-01T00:00:00Z: older timestamps in activity data are defaults or mistakes, not activity. */
    static final long EARLIEST_MILLIS = 315_532_800_000L;
    static final long FUTURE_TOLERANCE_MILLIS = 86_400_000L;
    /** Spotify counts a play as a stream from 30 seconds. */
    static final long SHORTEST_PLAY_MILLIS = 30_000;
    /** A Netflix autoplay without user action shorter than this is a preview, not watching. */
    static final double LONGEST_PREVIEW_SECONDS = 120;

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
    private static final String GOOGLE_ADS = "From Google Ads";
    private static final int MAX_KINDS_REMEMBERED = 256;

    private static final Pattern GROUPED_NUMBER = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern CLOCK_DURATION = Pattern.compile("\\d+(:[0-5]\\d){1,2}(\\.\\d+)?");
    private static final String CURRENCY_SIGNS = "$€£¥₹";

    private final InputFormat format;
    private final ZoneId localZone;
    private final long latestMillis;
    private final String profileFilter;
    private final TakeoutHtmlTime htmlTime;
    private final Timestamps.Parsed time = new Timestamps.Parsed();
    private final Timestamps.Parsed date = new Timestamps.Parsed();
    /** Takeout sources by product name: few products, millions of records. */
    private final Map<String, String> takeoutSources = new HashMap<>();
    private String lastProduct;
    private String lastSource;
    /** Generic files' kinds by their raw value, up to {@link #MAX_KINDS_REMEMBERED} of them. */
    private final Map<String, String> genericKinds = new HashMap<>();

    /** The offset written in the last accepted record's timestamp, or {@link Timestamps#NO_OFFSET}. */
    private int lastOffsetSeconds;

    /**
     * @param declaredZone  the zone declared with the upload, or null (times without an offset are then UTC)
     * @param profileFilter the only streaming profile to keep, or null for all
     */
    RecordNormalizer(InputFormat format, ZoneId declaredZone, long nowMillis, String profileFilter) {
        this.format = format;
        this.localZone = declaredZone == null ? ZoneOffset.UTC : declaredZone;
        this.latestMillis = nowMillis + FUTURE_TOLERANCE_MILLIS;
        this.profileFilter = profileFilter;
        this.htmlTime = format == InputFormat.TAKEOUT_MY_ACTIVITY_HTML ? new TakeoutHtmlTime(declaredZone) : null;
    }

    /** The result of normalizing one record: an activity, why there is none, or why it is not activity. */
    sealed interface Outcome permits Accepted, Rejected, Skipped {
    }

    record Accepted(Activity activity) implements Outcome {
    }

    /** A rejection, with the offending value when one field is to blame (shown, redacted, in the report). */
    record Rejected(RejectReason reason, String value) implements Outcome {
        Rejected(RejectReason reason) {
            this(reason, null);
        }
    }

    record Skipped(RecordSkipReason reason) implements Outcome {
    }

    /** What a record says beyond the common fields, filled by the rules of its format's family. */
    private static final class Reading {
        String source;
        String kind;
        String text;
        String context;
        String url;
        Double duration;
        String medium;
        String season;
        String profile;
        long shiftMillis;
    }

    private final Reading reading = new Reading();

    Outcome normalize(RawRecord record) {
        RejectReason timeProblem = readTime(record);
        if (timeProblem != null) {
            return new Rejected(timeProblem, firstNonNull(record.get(Field.TIMESTAMP), record.get(Field.TIME),
                    record.get(Field.DATE)));
        }
        Reading r = reading;
        r.text = record.get(Field.TEXT);
        r.context = record.get(Field.CONTEXT);
        r.url = record.get(Field.URL);
        r.duration = null;
        r.medium = null;
        r.season = null;
        r.profile = null;
        r.shiftMillis = 0;
        Outcome problem = switch (format.family()) {
            case TAKEOUT -> takeout(record, r);
            case CHROME -> chrome(record, r);
            case SPOTIFY -> spotify(record, r);
            case NETFLIX -> netflix(record, r);
            case GENERIC -> generic(record, r);
        };
        if (problem != null) {
            return problem;
        }
        long when = this.time.epochMillis - r.shiftMillis;
        if (when < EARLIEST_MILLIS) {
            return new Rejected(RejectReason.TIMESTAMP_OUT_OF_RANGE, record.get(Field.TIMESTAMP));
        }
        WebAddress address = WebAddress.parse(r.url);
        String text = r.text;
        WebAddress textAddress = text == null ? null : WebAddress.parse(text);
        if (textAddress != null) {
            // A title that is itself an address ("Visited https://…") says nothing more than the address.
            if (address == null) {
                address = textAddress;
            }
            text = null;
        }
        text = Redactor.redact(Texts.clean(text, MAX_TEXT_LENGTH));
        String context = Redactor.redact(Texts.clean(r.context, MAX_CONTEXT_LENGTH));
        if (text == null && address == null) {
            return new Rejected(RejectReason.NO_TEXT_OR_URL);
        }
        Double value = null;
        String rawValue = record.get(Field.VALUE);
        if (rawValue != null && format.family() == InputFormat.Family.GENERIC) {
            value = parseAmount(rawValue);
            if (value == null) {
                return new Rejected(RejectReason.BAD_VALUE, rawValue);
            }
        }
        String userCategory = format.family() == InputFormat.Family.GENERIC
                ? Texts.clean(record.get(Field.CATEGORY), MAX_CATEGORY_LENGTH) : null;
        return new Accepted(new Activity(when, this.time.dateOnly, r.source, r.kind, text, context,
                address == null ? null : address.url(), address == null ? null : address.domain(), value, r.duration,
                userCategory, r.medium, Redactor.redact(Texts.clean(r.season, MAX_SEASON_LENGTH)),
                Redactor.redact(Texts.clean(r.profile, MAX_PROFILE_LENGTH))));
    }

    /** Takeout (HTML and JSON): the title's verb is the kind; the product is the source; ads are skipped. */
    private Outcome takeout(RawRecord record, Reading r) {
        if (GOOGLE_ADS.equals(record.get(Field.DETAILS))) {
            return new Skipped(RecordSkipReason.ADVERTISEMENT);
        }
        r.kind = "activity";
        String text = r.text;
        if (text != null && !text.isEmpty() && Character.isUpperCase(text.charAt(0))) {
            for (String[] verb : TAKEOUT_VERBS) {
                if (text.charAt(0) == verb[0].charAt(0) && text.startsWith(verb[0])) {
                    r.kind = verb[1];
                    text = text.substring(verb[0].length());
                    break;
                }
            }
        }
        r.text = text;
        String product = record.get(Field.PRODUCT);
        r.source = takeoutSource(product == null ? "" : product);
        if (r.source.equals("YouTube Music")) {
            r.medium = Activity.MUSIC;
        } else if (r.source.equals("YouTube") && r.kind.equals("watch")) {
            r.medium = Activity.VIDEO;
        }
        return null;
    }

    /** Chrome's history: visits, without reloads and browser-internal pages. */
    private Outcome chrome(RawRecord record, Reading r) {
        String transition = record.get(Field.TRANSITION);
        if (transition != null && transition.toUpperCase(Locale.ROOT).startsWith("RELOAD")) {
            return new Skipped(RecordSkipReason.RELOAD);
        }
        if (r.url != null && WebAddress.parse(r.url) == null) {
            return new Skipped(RecordSkipReason.NOT_A_WEB_PAGE);
        }
        r.source = "Chrome";
        r.kind = "visit";
        return null;
    }

    /**
     * Spotify: a play of a track (music), an episode (podcast, its show as context) or an audiobook, shorter plays
     * skipped. The export's time is when the play ended; the activity starts that long before.
     */
    private Outcome spotify(RawRecord record, Reading r) {
        String rawMillis = record.get(Field.DURATION_MS);
        Double millis = rawMillis == null ? null : parseAmount(rawMillis);
        if (millis == null || millis < 0) {
            return new Rejected(RejectReason.BAD_DURATION, rawMillis);
        }
        if (millis < SHORTEST_PLAY_MILLIS) {
            return new Skipped(RecordSkipReason.SHORT_PLAY);
        }
        String episode = record.get(Field.EPISODE);
        String show = record.get(Field.SHOW);
        String audiobook = record.get(Field.AUDIOBOOK);
        if (r.text != null) {
            r.medium = Activity.MUSIC;
        } else if (episode != null || show != null) {
            r.medium = Activity.PODCAST;
            r.text = episode != null ? episode : show;
            r.context = show;
        } else if (audiobook != null) {
            r.medium = Activity.AUDIOBOOK;
            r.text = audiobook;
            r.context = null;
        } else {
            return new Skipped(RecordSkipReason.UNKNOWN_ITEM);
        }
        r.source = "Spotify";
        r.kind = "listen";
        r.duration = Math.round(millis) / 1000.0;
        r.shiftMillis = Math.round(millis);
        return null;
    }

    /** Netflix: titles watched, split into show, season and episode; trailers, previews and other profiles skipped. */
    private Outcome netflix(RawRecord record, Reading r) {
        String supplemental = record.get(Field.SUPPLEMENTAL);
        if (supplemental != null && !supplemental.isBlank()) {
            return new Skipped(RecordSkipReason.TRAILER);
        }
        String rawDuration = record.get(Field.DURATION);
        if (rawDuration != null) {
            r.duration = parseDuration(rawDuration);
            if (r.duration == null) {
                return new Rejected(RejectReason.BAD_DURATION, rawDuration);
            }
        }
        String attributes = record.get(Field.ATTRIBUTES);
        if (attributes != null && attributes.contains("Autoplayed") && attributes.contains("user action: None")
                && (r.duration == null || r.duration < LONGEST_PREVIEW_SECONDS)) {
            return new Skipped(RecordSkipReason.AUTOPLAY_PREVIEW);
        }
        r.profile = record.get(Field.PROFILE);
        if (profileFilter != null && (r.profile == null || !profileFilter.equalsIgnoreCase(r.profile.strip()))) {
            return new Skipped(RecordSkipReason.OTHER_PROFILE);
        }
        if (r.text != null) {
            NetflixTitles.Title title = NetflixTitles.split(r.text);
            r.medium = title.episodic() ? Activity.EPISODE : Activity.MOVIE;
            r.text = title.episode();
            r.context = title.show();
            r.season = title.season();
        }
        r.source = "Netflix";
        r.kind = "watch";
        return null;
    }

    /** Generic files: the kind, duration and value their own columns give. */
    private Outcome generic(RawRecord record, Reading r) {
        r.source = format.wireName();
        r.kind = genericKind(record.get(Field.KIND));
        String rawDuration = record.get(Field.DURATION);
        if (rawDuration != null) {
            r.duration = parseDuration(rawDuration);
            if (r.duration == null) {
                return new Rejected(RejectReason.BAD_DURATION, rawDuration);
            }
        }
        return null;
    }

    /** The source of a Takeout product: records of one product come in runs, so the last one is kept at hand. */
    private String takeoutSource(String product) {
        if (!product.equals(lastProduct)) {
            lastProduct = product;
            lastSource = takeoutSources.computeIfAbsent(product, RecordNormalizer::productName);
        }
        return lastSource;
    }

    /** A Takeout product's name as the source: cleaned and bounded; "Google" when the record names none. */
    private static String productName(String product) {
        String name = Texts.clean(product, MAX_SOURCE_LENGTH);
        return name == null ? "Google" : name;
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
        if (htmlTime != null && timestamp != null) {
            TakeoutHtmlTime.Result result = htmlTime.parse(timestamp, time);
            if (result == TakeoutHtmlTime.Result.AMBIGUOUS_ZONE) {
                return RejectReason.AMBIGUOUS_TIME_ZONE;
            }
            parsed = result == TakeoutHtmlTime.Result.PARSED;
        } else if (timestamp != null && format.family() != InputFormat.Family.GENERIC
                && format != InputFormat.TAKEOUT_MY_ACTIVITY) {
            // Chrome, Spotify and Netflix write UTC, with or without saying so.
            parsed = Timestamps.parse(timestamp, ZoneOffset.UTC, time) && !time.timeOfDayOnly;
        } else if (timestamp != null) {
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

    /** {@link #kindOf}, remembered for the first few distinct values: a file has few kinds and many records. */
    private String genericKind(String raw) {
        if (raw == null) {
            return kindOf(null);
        }
        String kind = genericKinds.get(raw);
        if (kind == null) {
            kind = kindOf(raw);
            if (genericKinds.size() < MAX_KINDS_REMEMBERED) {
                genericKinds.put(raw, kind);
            }
        }
        return kind;
    }

    static String kindOf(String raw) {
        String kind = Texts.clean(raw, MAX_KIND_LENGTH);
        return kind == null ? "event" : kind.toLowerCase(Locale.ROOT).replace(' ', '-');
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
