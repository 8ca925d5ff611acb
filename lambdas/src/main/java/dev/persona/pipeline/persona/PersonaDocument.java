package dev.persona.pipeline.persona;

import java.util.List;
import java.util.Map;

/**
 * The persona, as stored at {@code personas/{userId}/{jobId}/persona.json} and served by the API.
 * Documented in {@code docs/persona.md} and {@code docs/persona.schema.json}.
 */
public record PersonaDocument(
        String schemaVersion,
        String jobId,
        String generatedAt,
        Timezone timezone,
        Archetype archetype,
        String summary,
        List<Interest> interests,
        Rhythms rhythms,
        Engagement engagement,
        Diversity diversity,
        DataQuality dataQuality,
        List<SourceBreakdown> sources,
        Listening listening,
        Watching watching) {

    public static final String SCHEMA_VERSION = "1.1";

    public record Timezone(String id, String source) {
    }

    /**
     * @param label    e.g. "Night-Owl Gamer"
     * @param noun     the part that comes from the top interest
     * @param modifier the part that comes from the rhythm or the diversity, or null
     * @param basis    the facts the rules used
     */
    public record Archetype(String label, String noun, String modifier, ArchetypeBasis basis) {
    }

    public record ArchetypeBasis(String topInterest, String chronotype, String diversity) {
    }

    /**
     * @param category    category display name
     * @param count       activities in the category
     * @param share       count over all categorized activities (0..1)
     * @param score       recency-weighted strength, 100 for the strongest category
     * @param trend       {@code rising}, {@code steady} or {@code falling}: recent share against earlier share
     * @param recentShare share within the recent window
     * @param topTerms    most frequent words of its activities
     * @param topDomains  most visited sites
     * @param examples    its most recent activities
     */
    public record Interest(String category, long count, double share, int score, String trend, double recentShare,
                           List<Counted> topTerms, List<Counted> topDomains, List<Example> examples) {
    }

    public record Counted(String value, long count) {
    }

    public record Example(String time, String kind, String text, String url) {
    }

    /**
     * @param hourOfDay     activities per local hour, index 0 = 00:00–00:59
     * @param dayOfWeek     activities per local weekday, index 0 = Monday
     * @param weekHour      timed activities per local weekday (index 0 = Monday) and hour: seven rows of 24
     * @param peakHour      busiest hour, or null without timed activity
     * @param peakDay       busiest weekday name
     * @param chronotype    {@code early bird}, {@code night owl}, {@code evening person}, {@code daytime} or
     *                      {@code unknown}
     * @param periodShares  shares of morning (05–09), daytime (10–17), evening (18–21), night (22–04)
     * @param weekdayShare  share on Monday to Friday
     * @param weekendShare  share on Saturday and Sunday
     */
    public record Rhythms(long[] hourOfDay, long[] dayOfWeek, long[][] weekHour, Integer peakHour, String peakDay, String chronotype,
                          PeriodShares periodShares, double weekdayShare, double weekendShare) {
    }

    public record PeriodShares(double morning, double daytime, double evening, double night) {
    }

    /**
     * @param activeDays             local days with at least one activity
     * @param spanDays               days from the first to the last activity, inclusive
     * @param eventsPerActiveDay     activities per active day
     * @param longestStreakDays      most consecutive active days
     * @param sessions               bursts of timed activity separated by more than {@code sessionGapMinutes}
     * @param averageSessionMinutes  mean session length
     * @param eventsPerSession       timed activities per session
     * @param sessionGapMinutes      the gap that separates sessions
     */
    public record Engagement(long activeDays, long spanDays, double eventsPerActiveDay, long longestStreakDays,
                             long sessions, double averageSessionMinutes, double eventsPerSession,
                             int sessionGapMinutes) {
    }

    /**
     * @param entropy           Shannon entropy of the category shares, in bits
     * @param normalizedEntropy entropy over its maximum for the taxonomy (0..1)
     * @param label             {@code focused}, {@code balanced} or {@code eclectic}
     * @param categoriesSeen    categories with at least one activity
     */
    public record Diversity(double entropy, double normalizedEntropy, String label, int categoriesSeen) {
    }

    /**
     * @param rejectedByReason rejected records per reason (the preprocessing report's wire names), by name
     * @param recordsSkipped  valid records that are not the person's activity (ads, trailers, reloads, short plays)
     * @param skippedByReason those records per reason
     * @param recordsByFormat records read per file format
     * @param archive         what the uploaded archive held, or null for a single file
     */
    public record DataQuality(long recordsRead, long recordsUsed, long recordsRejected, long duplicatesRemoved,
                              Map<String, Long> rejectedByReason, long uncategorized, double uncategorizedShare,
                              long dateOnlyRecords,
                              String firstActivityAt, String lastActivityAt, String detectedFormat,
                              long recordsSkipped, Map<String, Long> skippedByReason,
                              Map<String, Long> recordsByFormat, ArchiveContents archive) {
    }

    /**
     * @param type             {@code zip} or {@code tar}
     * @param entries          entries of any kind
     * @param filesRead        files read as activity data
     * @param filesSkipped     files not read
     * @param skippedByReason  files not read, per reason
     */
    public record ArchiveContents(String type, long entries, long filesRead, long filesSkipped,
                                  Map<String, Long> skippedByReason) {
    }

    /**
     * One source's part of the activity.
     *
     * @param source        the product or export ({@code YouTube}, {@code Search}, {@code Spotify}, …) or, for a
     *                      generic file, its format
     * @param count         its activities
     * @param share         of all activities
     * @param topCategories its three largest interests
     */
    public record SourceBreakdown(String source, long count, double share, List<CategoryShare> topCategories) {
    }

    /** A category's activities within a source, and their share of the source's. */
    public record CategoryShare(String category, long count, double share) {
    }

    /**
     * What the person listened to (Spotify, YouTube Music). Minutes are whole minutes of the plays' durations.
     *
     * @param plays       plays of music, podcasts and audiobooks
     * @param minutes     minutes listened
     * @param music       plays and minutes of music, and their share of the minutes
     * @param podcasts    the same for podcasts
     * @param audiobooks  the same for audiobooks
     * @param topArtists  most played artists
     * @param topPodcasts most played podcast shows
     */
    public record Listening(long plays, long minutes, MediumShare music, MediumShare podcasts, MediumShare audiobooks,
                            List<Played> topArtists, List<Played> topPodcasts) {
    }

    public record MediumShare(long plays, long minutes, double share) {
    }

    public record Played(String name, long plays, long minutes) {
    }

    /**
     * What the person watched: series and films (Netflix), and videos (YouTube).
     *
     * @param titles        episodes and films watched
     * @param episodes      episodes of series
     * @param movies        films
     * @param minutes       minutes of series and films watched
     * @param videos        videos watched (YouTube)
     * @param topShows      most watched series
     * @param bingeSessions sittings of at least three episodes of one series
     * @param longestBinge  the longest of them, or null
     * @param profiles      the streaming profiles seen and their titles, to choose one for a persona of its own
     */
    public record Watching(long titles, long episodes, long movies, long minutes, long videos, List<Show> topShows,
                           long bingeSessions, Binge longestBinge, List<Counted> profiles) {
    }

    public record Show(String name, long episodes, long minutes) {
    }

    /**
     * @param show      the series
     * @param episodes  episodes in the sitting
     * @param minutes   minutes watched in it
     * @param startedAt when it started
     */
    public record Binge(String show, int episodes, long minutes, String startedAt) {
    }
}
