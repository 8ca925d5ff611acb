package dev.persona.domain;

/**
 * One canonical activity record, whatever the upload's format. Written by preprocess as one row of the
 * intermediate files ({@code dev.persona.pipeline.blocks}); categorize and build-persona read it back.
 *
 * @param time            instant, epoch milliseconds UTC
 * @param dateOnly        the source gave only a date: the time of day is unknown (midnight in the upload's zone)
 * @param source          where it came from: the product ({@code YouTube}, {@code Search}, {@code Chrome}, {@code Maps},
 *                        {@code Spotify}, {@code Netflix}, …) or, for a generic file, its format ({@code csv}, …)
 * @param kind            what the person did: {@code watch}, {@code search}, {@code visit}, or the file's own type
 * @param text            free text (a title, a query), whitespace-normalized and redacted; may be null if url is set
 * @param context         a secondary text such as a channel or artist name, redacted; may be null
 * @param url             scheme, host and path (no query or fragment), redacted; may be null if text is set
 * @param domain          registrable domain of the url, e.g. {@code bbc.co.uk}; null without url
 * @param value           a numeric value or amount from the file; may be null
 * @param durationSeconds a duration from the file; may be null
 * @param userCategory    a category label from the file itself; may be null
 * @param medium          what was played, where the export says: {@code music}, {@code podcast}, {@code audiobook},
 *                        {@code episode}, {@code movie} or {@code video}; null otherwise
 * @param season          an episode's season as the title names it ({@code Season 2}, {@code Limited Series}); may be
 *                        null
 * @param profile         the streaming profile that watched (Netflix); kept only to filter and list profiles
 */
public record Activity(
        long time,
        boolean dateOnly,
        String source,
        String kind,
        String text,
        String context,
        String url,
        String domain,
        Double value,
        Double durationSeconds,
        String userCategory,
        String medium,
        String season,
        String profile) {

    public static final String MUSIC = "music";
    public static final String PODCAST = "podcast";
    public static final String AUDIOBOOK = "audiobook";
    public static final String EPISODE = "episode";
    public static final String MOVIE = "movie";
    public static final String VIDEO = "video";
}
