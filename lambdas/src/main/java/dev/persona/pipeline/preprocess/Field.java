package dev.persona.pipeline.preprocess;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields an upload's records are read into, and the column / key names (case-insensitive) that feed each
 * one. Generic files (CSV, JSON Lines, JSON arrays) and Takeout JSON use the generic names below; the exports of
 * one product (Chrome, Spotify, Netflix) use their own table ({@link #namesOf}), so a generic file with, say, a
 * {@code show} column reads exactly as before. Where several names of one field are present, the one listed first
 * wins.
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
    /** Takeout: the first subtitle's name (a channel, artist or place); Spotify: the artist. */
    CONTEXT("subtitles"),
    /** Takeout: the first detail ("From Google Ads" marks an advertisement). */
    DETAILS,
    /** Spotify: milliseconds played. */
    DURATION_MS,
    /** Spotify: a podcast's show. */
    SHOW,
    /** Spotify: a podcast episode's title. */
    EPISODE,
    /** Spotify: an audiobook's title. */
    AUDIOBOOK,
    /** Chrome: how the page was reached ({@code LINK}, {@code TYPED}, {@code RELOAD}, …). */
    TRANSITION,
    /** Netflix: the profile that watched. */
    PROFILE,
    /** Netflix: attributes such as autoplay. */
    ATTRIBUTES,
    /** Netflix: the kind of extra (trailer, hook, recap), empty for the title itself. */
    SUPPLEMENTAL;

    private static final Map<String, Slot> GENERIC = new HashMap<>();
    private static final Map<String, Slot> TAKEOUT = new HashMap<>();
    private static final Map<String, Slot> CHROME = table(new Object[][] {
        {"time_usec", TIMESTAMP}, {"url", URL}, {"title", TEXT}, {"page_transition", TRANSITION}});
    private static final Map<String, Slot> SPOTIFY_STREAMING = table(new Object[][] {
        {"endTime", TIMESTAMP}, {"msPlayed", DURATION_MS}, {"trackName", TEXT}, {"artistName", CONTEXT},
        {"podcastName", SHOW}, {"episodeName", EPISODE}});
    private static final Map<String, Slot> SPOTIFY_EXTENDED = table(new Object[][] {
        {"ts", TIMESTAMP}, {"ms_played", DURATION_MS}, {"master_metadata_track_name", TEXT},
        {"master_metadata_album_artist_name", CONTEXT}, {"episode_show_name", SHOW}, {"episode_name", EPISODE},
        {"audiobook_title", AUDIOBOOK}});
    private static final Map<String, Slot> NETFLIX = table(new Object[][] {
        {"Start Time", TIMESTAMP}, {"Duration", DURATION}, {"Title", TEXT}, {"Profile Name", PROFILE},
        {"Attributes", ATTRIBUTES}, {"Supplemental Video Type", SUPPLEMENTAL}});

    static {
        for (Field field : values()) {
            for (int i = 0; i < field.names.length; i++) {
                GENERIC.put(field.names[i], new Slot(field, i));
            }
        }
        // Takeout's titleUrl is the record's address even when a generic url key is present too.
        GENERIC.put("titleurl", new Slot(URL, -1));
        TAKEOUT.putAll(GENERIC);
        TAKEOUT.put("details", new Slot(DETAILS, 0));
    }

    private final String[] names;

    Field(String... names) {
        this.names = names;
    }

    /** The slot a generic column or key name feeds, or null when the name means nothing to us. */
    static Slot slotOf(String name) {
        return GENERIC.get(normalized(name));
    }

    /** The names a format's records use, by their lower-case form. */
    static Map<String, Slot> namesOf(InputFormat format) {
        return switch (format) {
            case TAKEOUT_MY_ACTIVITY, TAKEOUT_MY_ACTIVITY_HTML -> TAKEOUT;
            case CHROME_HISTORY -> CHROME;
            case SPOTIFY_STREAMING_HISTORY -> SPOTIFY_STREAMING;
            case SPOTIFY_EXTENDED_HISTORY -> SPOTIFY_EXTENDED;
            case NETFLIX_VIEWING_ACTIVITY -> NETFLIX;
            case JSON_ARRAY, JSON_LINES, CSV -> GENERIC;
        };
    }

    /** A name as the tables hold it: stripped and lower-case. */
    static String normalized(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Slot> table(Object[][] rows) {
        Map<String, Slot> table = new HashMap<>();
        for (Object[] row : rows) {
            table.put(normalized((String) row[0]), new Slot((Field) row[1], 0));
        }
        return Map.copyOf(table);
    }

    /** A field and the rank of the name that feeds it (lower wins). */
    record Slot(Field field, int rank) {
    }
}
