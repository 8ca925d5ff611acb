package dev.persona.pipeline.persona;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.persona.domain.Activity;
import dev.persona.domain.CategorizedActivity;
import dev.persona.domain.Category;
import dev.persona.pipeline.PreprocessReport;
import dev.persona.pipeline.io.IsoInstant;
import dev.persona.pipeline.io.Timestamps;

/**
 * Folds categorized activities, in any order, into a {@link PersonaDocument} in memory bounded by the
 * time span rather than the record count: fixed histograms, a bit per local day and per minute of the span,
 * bounded term, site, artist and show counters, per-source category counts for at most
 * {@value #MAX_SOURCES} sources, a packed number per episode for binge sessions, and three examples per category.
 * The time range comes from the preprocessing report, so recency and trends need a single pass.
 */
final class PersonaAggregator {

    static final int SESSION_GAP_MINUTES = 30;
    static final long DAY_MILLIS = 86_400_000L;
    /** Below this span there is too little history for trends: every interest is steady. */
    static final long MIN_TREND_SPAN_MILLIS = 28 * DAY_MILLIS;
    /** Fewer recent or earlier activities than this: steady. */
    static final long MIN_TREND_ACTIVITIES = 20;
    /** Significance of a trend: 2.58 standard errors, about 99 %. */
    static final double TREND_Z = 2.58;
    static final int TOP_TERMS = 10;
    static final int TOP_DOMAINS = 5;
    static final int EXAMPLES = 3;
    static final int MAX_SOURCES = 32;
    static final String OTHER_SOURCES = "Other sources";
    static final int TOP_SOURCE_CATEGORIES = 3;
    static final int TOP_PLAYED = 10;

    private static final Category[] CATEGORIES = Category.values();
    private static final Pattern CLEAN_URL = Pattern.compile(
            "https?://([a-z0-9._-]+|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&()*+,;=:@/%-]*)?");
    private static final int UNCATEGORIZED = Category.UNCATEGORIZED.ordinal();

    private final PreprocessReport report;
    private final ZoneRules zone;
    private final long first;
    private final long last;
    private final long firstLocalDay;
    private final long recentStart;
    private final boolean trendsAvailable;
    private final double halfLifeMillis;

    private final long[] counts = new long[CATEGORIES.length];
    private final long[] recentCounts = new long[CATEGORIES.length];
    private final double[] weights = new double[CATEGORIES.length];
    private final TopCounter[] terms = new TopCounter[CATEGORIES.length];
    private final TopCounter[] domains = new TopCounter[CATEGORIES.length];
    private final List<List<Activity>> examples = new ArrayList<>();
    private final long[] hourOfDay = new long[24];
    private final long[] dayOfWeek = new long[7];
    private final long[][] weekHour = new long[7][24];
    private final BitSet activeDays = new BitSet();
    private final BitSet activeMinutes = new BitSet();
    private long timed;
    private long records;
    private long recentTotal;
    private final Map<String, long[]> sources = new HashMap<>();
    private final long[] listenPlays = new long[3];
    private final double[] listenSeconds = new double[3];
    private final TopCounter artists = new TopCounter(256);
    private final TopCounter podcasts = new TopCounter(256);
    private final TopCounter shows = new TopCounter(256);
    private final TopCounter profiles = new TopCounter(16);
    private final BingeFinder binges;
    private long episodes;
    private long movies;
    private long videos;
    private double watchSeconds;

    PersonaAggregator(PreprocessReport report, ZoneId zone) {
        this.report = report;
        this.zone = zone.getRules();
        this.first = Timestamps.parseCanonical(report.firstActivityAt());
        this.last = Timestamps.parseCanonical(report.lastActivityAt());
        this.firstLocalDay = localDay(first);
        long span = last - first;
        this.trendsAvailable = span >= MIN_TREND_SPAN_MILLIS;
        this.recentStart = last - span / 4;
        this.halfLifeMillis = Math.max(30 * DAY_MILLIS, span / 4.0);
        this.binges = new BingeFinder(first);
        for (int i = 0; i < CATEGORIES.length; i++) {
            terms[i] = new TopCounter(256);
            domains[i] = new TopCounter(128);
            examples.add(new ArrayList<>(EXAMPLES + 1));
        }
    }

    void accept(CategorizedActivity categorized) {
        Activity activity = categorized.activity();
        long time = activity.time();
        int c = categoryIndex(categorized.category());
        records++;
        counts[c]++;
        weights[c] += Math.pow(0.5, (last - time) / halfLifeMillis);
        if (time >= recentStart) {
            recentCounts[c]++;
            if (c != UNCATEGORIZED) {
                recentTotal++;
            }
        }
        Terms.forEach(activity.text(), terms[c]::add);
        Terms.forEach(activity.context(), terms[c]::add);
        if (activity.domain() != null) {
            domains[c].add(activity.domain());
        }
        keepExample(examples.get(c), activity);
        countSource(activity.source(), c);
        countMedium(activity);

        long localMillis = time + zone.getOffset(Instant.ofEpochMilli(time)).getTotalSeconds() * 1000L;
        long day = Math.floorDiv(localMillis, DAY_MILLIS);
        activeDays.set(Math.toIntExact(day - firstLocalDay));
        int weekday = (int) Math.floorMod(day + 3, 7);
        dayOfWeek[weekday]++;
        if (!activity.dateOnly()) {
            timed++;
            int hour = (int) (Math.floorMod(localMillis, DAY_MILLIS) / 3_600_000L);
            hourOfDay[hour]++;
            weekHour[weekday][hour]++;
            activeMinutes.set(Math.toIntExact((time - first) / 60_000L));
        }
    }

    private void countSource(String source, int category) {
        String name = source == null ? OTHER_SOURCES : source;
        long[] counts = sources.get(name);
        if (counts == null) {
            if (sources.size() >= MAX_SOURCES - 1 && !name.equals(OTHER_SOURCES)) {
                countSource(OTHER_SOURCES, category);
                return;
            }
            counts = new long[CATEGORIES.length + 1];
            sources.put(name, counts);
        }
        counts[category]++;
        counts[CATEGORIES.length]++;
    }

    /** Listening (music, podcasts, audiobooks) and watching (series, films, videos). */
    private void countMedium(Activity activity) {
        String medium = activity.medium();
        if (medium == null) {
            return;
        }
        double seconds = activity.durationSeconds() == null ? 0 : activity.durationSeconds();
        switch (medium) {
            case Activity.MUSIC, Activity.PODCAST, Activity.AUDIOBOOK -> {
                int kind = medium.equals(Activity.MUSIC) ? 0 : medium.equals(Activity.PODCAST) ? 1 : 2;
                listenPlays[kind]++;
                listenSeconds[kind] += seconds;
                if (kind == 0 && activity.context() != null) {
                    artists.add(activity.context(), seconds);
                } else if (kind == 1 && activity.context() != null) {
                    podcasts.add(activity.context(), seconds);
                }
            }
            case Activity.EPISODE, Activity.MOVIE -> {
                watchSeconds += seconds;
                if (medium.equals(Activity.EPISODE)) {
                    episodes++;
                    if (activity.context() != null) {
                        shows.add(activity.context(), seconds);
                        binges.add(activity.context(), activity.time(), activity.durationSeconds());
                    }
                } else {
                    movies++;
                }
                if (activity.profile() != null) {
                    profiles.add(activity.profile());
                }
            }
            case Activity.VIDEO -> videos++;
            default -> {
                // a medium this version does not summarize
            }
        }
    }

    PersonaDocument build(String jobId, Instant generatedAt, String timezoneId, String timezoneSource) {
        long categorized = records - counts[UNCATEGORIZED];
        List<PersonaDocument.Interest> interests = interests(categorized);
        long[] interestCounts = new long[CATEGORIES.length - 1];
        System.arraycopy(counts, 0, interestCounts, 0, interestCounts.length);
        PersonaDocument.Diversity diversity = DiversityLabels.of(interestCounts, interestCounts.length);
        PersonaDocument.Rhythms rhythms = rhythms();
        PersonaDocument.Engagement engagement = engagement();
        Category top = interests.isEmpty() ? null : Category.byName(interests.get(0).category());
        PersonaDocument.Archetype archetype = ArchetypeRules.archetype(top, rhythms.chronotype(), diversity.label());
        PersonaDocument.DataQuality quality = new PersonaDocument.DataQuality(report.recordsRead(), records,
                report.recordsRejected(), report.duplicatesRemoved(),
                report.rejectedByReason() == null ? Map.of() : new TreeMap<>(report.rejectedByReason()),
                counts[UNCATEGORIZED],
                Rounding.share(counts[UNCATEGORIZED], records), report.dateOnlyRecords(), report.firstActivityAt(),
                report.lastActivityAt(), report.format(), report.recordsSkipped(), report.skippedByReason(),
                report.recordsByFormat(), archiveContents());
        PersonaDocument.Listening listening = listening();
        PersonaDocument.Watching watching = watching();
        String summary = PersonaSummaryText.of(interests, rhythms, engagement, archetype, listening, watching);
        return new PersonaDocument(PersonaDocument.SCHEMA_VERSION, jobId, generatedAt.toString(),
                new PersonaDocument.Timezone(timezoneId, timezoneSource), archetype, summary, interests, rhythms,
                engagement, diversity, quality, sources(), listening, watching);
    }

    private PersonaDocument.ArchiveContents archiveContents() {
        PreprocessReport.Archive archive = report.archive();
        return archive == null ? null : new PersonaDocument.ArchiveContents(archive.type(), archive.entries(),
                archive.filesRead(), archive.filesSkipped(), archive.skippedByReason());
    }

    /** Every source, largest first, with its three largest interests. */
    private List<PersonaDocument.SourceBreakdown> sources() {
        List<PersonaDocument.SourceBreakdown> breakdown = new ArrayList<>();
        sources.forEach((source, counts) -> {
            long total = counts[CATEGORIES.length];
            long categorized = total - counts[UNCATEGORIZED];
            List<PersonaDocument.CategoryShare> top = new ArrayList<>();
            for (int c = 0; c < UNCATEGORIZED; c++) {
                if (counts[c] > 0) {
                    top.add(new PersonaDocument.CategoryShare(CATEGORIES[c].displayName(), counts[c],
                            Rounding.share(counts[c], categorized)));
                }
            }
            top.sort(Comparator.comparingLong(PersonaDocument.CategoryShare::count).reversed()
                    .thenComparing(PersonaDocument.CategoryShare::category));
            breakdown.add(new PersonaDocument.SourceBreakdown(source, total, Rounding.share(total, records),
                    List.copyOf(top.subList(0, Math.min(TOP_SOURCE_CATEGORIES, top.size())))));
        });
        breakdown.sort(Comparator.comparingLong(PersonaDocument.SourceBreakdown::count).reversed()
                .thenComparing(PersonaDocument.SourceBreakdown::source));
        return breakdown;
    }

    private PersonaDocument.Listening listening() {
        long plays = listenPlays[0] + listenPlays[1] + listenPlays[2];
        if (plays == 0) {
            return null;
        }
        double seconds = listenSeconds[0] + listenSeconds[1] + listenSeconds[2];
        PersonaDocument.MediumShare[] shares = new PersonaDocument.MediumShare[3];
        for (int i = 0; i < 3; i++) {
            shares[i] = new PersonaDocument.MediumShare(listenPlays[i], minutes(listenSeconds[i]),
                    seconds == 0 ? 0 : Rounding.round(listenSeconds[i] / seconds, 4));
        }
        return new PersonaDocument.Listening(plays, minutes(seconds), shares[0], shares[1], shares[2],
                played(artists), played(podcasts));
    }

    private static List<PersonaDocument.Played> played(TopCounter counter) {
        return counter.tallies(TOP_PLAYED).stream()
                .map(t -> new PersonaDocument.Played(t.value(), t.count(), minutes(t.sum()))).toList();
    }

    private PersonaDocument.Watching watching() {
        if (episodes + movies + videos == 0) {
            return null;
        }
        BingeFinder.Result found = binges.find();
        PersonaDocument.Binge longest = found.show() == null ? null : new PersonaDocument.Binge(found.show(),
                found.episodes(), found.minutes(), IsoInstant.format(first + found.startMinute() * 60_000L));
        return new PersonaDocument.Watching(episodes + movies, episodes, movies, minutes(watchSeconds), videos,
                shows.tallies(TOP_PLAYED).stream()
                        .map(t -> new PersonaDocument.Show(t.value(), t.count(), minutes(t.sum()))).toList(),
                found.sessions(), longest, profiles.top(16));
    }

    private static long minutes(double seconds) {
        return Math.round(seconds / 60);
    }

    private List<PersonaDocument.Interest> interests(long categorized) {
        double strongest = 0;
        for (int c = 0; c < UNCATEGORIZED; c++) {
            strongest = Math.max(strongest, weights[c]);
        }
        long earlierTotal = categorized - recentTotal;
        List<PersonaDocument.Interest> interests = new ArrayList<>();
        for (int c = 0; c < UNCATEGORIZED; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double recentShare = recentTotal == 0 ? 0 : (double) recentCounts[c] / recentTotal;
            double earlierShare = earlierTotal == 0 ? 0 : (double) (counts[c] - recentCounts[c]) / earlierTotal;
            interests.add(new PersonaDocument.Interest(CATEGORIES[c].displayName(), counts[c],
                    Rounding.share(counts[c], categorized), (int) Math.round(100 * weights[c] / strongest),
                    trend(recentShare, earlierShare, earlierTotal), Rounding.round(recentShare, 4),
                    terms[c].top(TOP_TERMS), domains[c].top(TOP_DOMAINS), examples(c)));
        }
        interests.sort(Comparator.comparingLong(PersonaDocument.Interest::count).reversed()
                .thenComparing(PersonaDocument.Interest::category));
        return interests;
    }

    /**
     * Rising at ≥ 1.25× the earlier share (and at least 2 %), falling at ≤ 0.8×, else steady; a change only
     * counts when a two-proportion z-test puts it beyond chance (|z| ≥ {@value #TREND_Z}), so small interests do
     * not flicker between rising and falling on noise.
     */
    private String trend(double recentShare, double earlierShare, long earlierTotal) {
        if (!trendsAvailable || recentTotal < MIN_TREND_ACTIVITIES || earlierTotal < MIN_TREND_ACTIVITIES) {
            return "steady";
        }
        double pooled = (recentShare * recentTotal + earlierShare * earlierTotal) / (recentTotal + earlierTotal);
        double error = Math.sqrt(pooled * (1 - pooled) * (1.0 / recentTotal + 1.0 / earlierTotal));
        double z = error == 0 ? 0 : (recentShare - earlierShare) / error;
        if (recentShare >= 0.02 && recentShare >= earlierShare * 1.25 && z >= TREND_Z) {
            return "rising";
        }
        if (recentShare <= earlierShare * 0.8 && z <= -TREND_Z) {
            return "falling";
        }
        return "steady";
    }

    private List<PersonaDocument.Example> examples(int c) {
        return examples.get(c).stream()
                .map(a -> new PersonaDocument.Example(IsoInstant.format(a.time()), a.kind(), a.text(), cleanUrl(a.url())))
                .toList();
    }

    /**
     * The address, if it is a clean http(s) URL: preprocessing only writes such, and the persona, which consumers
     * put into links, never carries anything else.
     */
    static String cleanUrl(String url) {
        return url != null && CLEAN_URL.matcher(url).matches() ? url : null;
    }

    /** Keeps the most recent activities with distinct text (or address), newest first. */
    private static void keepExample(List<Activity> kept, Activity activity) {
        String shown = activity.text() != null ? activity.text() : activity.url();
        if (kept.size() == EXAMPLES && activity.time() <= kept.get(EXAMPLES - 1).time()) {
            return;
        }
        for (int i = 0; i < kept.size(); i++) {
            Activity other = kept.get(i);
            if (shown.equals(other.text() != null ? other.text() : other.url())) {
                if (activity.time() > other.time()) {
                    kept.remove(i);
                    break;
                }
                return;
            }
        }
        int at = 0;
        while (at < kept.size() && kept.get(at).time() >= activity.time()) {
            at++;
        }
        kept.add(at, activity);
        if (kept.size() > EXAMPLES) {
            kept.remove(EXAMPLES);
        }
    }

    private PersonaDocument.Rhythms rhythms() {
        PersonaDocument.PeriodShares periods = Chronotype.periodShares(hourOfDay);
        Integer peakHour = timed == 0 ? null : argMax(hourOfDay);
        long weekend = dayOfWeek[5] + dayOfWeek[6];
        long[][] weekHourCopy = new long[7][];
        for (int day = 0; day < 7; day++) {
            weekHourCopy[day] = weekHour[day].clone();
        }
        return new PersonaDocument.Rhythms(hourOfDay.clone(), dayOfWeek.clone(), weekHourCopy, peakHour,
                DayOfWeek.of(argMax(dayOfWeek) + 1).getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                Chronotype.classify(periods, timed), periods, Rounding.share(records - weekend, records),
                Rounding.share(weekend, records));
    }

    private PersonaDocument.Engagement engagement() {
        long active = activeDays.cardinality();
        long spanDays = localDay(last) - firstLocalDay + 1;
        long longest = 0;
        for (int day = activeDays.nextSetBit(0); day >= 0; ) {
            int end = activeDays.nextClearBit(day);
            longest = Math.max(longest, end - day);
            day = activeDays.nextSetBit(end);
        }
        long sessions = 0;
        long sessionMinutes = 0;
        int sessionStart = -1;
        int previous = -1;
        for (int minute = activeMinutes.nextSetBit(0); minute >= 0; minute = activeMinutes.nextSetBit(minute + 1)) {
            if (previous < 0 || minute - previous > SESSION_GAP_MINUTES) {
                if (previous >= 0) {
                    sessionMinutes += previous - sessionStart + 1;
                }
                sessions++;
                sessionStart = minute;
            }
            previous = minute;
        }
        if (previous >= 0) {
            sessionMinutes += previous - sessionStart + 1;
        }
        return new PersonaDocument.Engagement(active, spanDays,
                Rounding.round(active == 0 ? 0 : (double) records / active, 2), longest, sessions,
                Rounding.round(sessions == 0 ? 0 : (double) sessionMinutes / sessions, 1),
                Rounding.round(sessions == 0 ? 0 : (double) timed / sessions, 2), SESSION_GAP_MINUTES);
    }

    private long localDay(long time) {
        return Math.floorDiv(time + zone.getOffset(Instant.ofEpochMilli(time)).getTotalSeconds() * 1000L, DAY_MILLIS);
    }

    private static int categoryIndex(String name) {
        Category category = name == null ? null : Category.byName(name);
        return category == null ? UNCATEGORIZED : category.ordinal();
    }

    private static int argMax(long[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    long records() {
        return records;
    }
}
