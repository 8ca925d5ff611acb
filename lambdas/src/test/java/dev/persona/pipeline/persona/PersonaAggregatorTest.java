package dev.persona.pipeline.persona;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.persona.domain.Activity;
import dev.persona.domain.CategorizedActivity;
import dev.persona.pipeline.PreprocessReport;
import dev.persona.pipeline.io.IsoInstant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PersonaAggregatorTest {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    @Test
    void aNightlySportsFanIsANightOwlSportsFanWithExactRhythms() {
        List<CategorizedActivity> activities = new ArrayList<>();
        long start = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        for (int day = 0; day < 10; day++) {
            for (int minute = 0; minute < 3; minute++) {
                activities.add(activity(start + day * DAY + 23 * HOUR + minute * 5 * 60_000L, "Sports",
                        "nba highlights lakers", "espn.com"));
            }
        }
        activities.add(activity(start + 20 * DAY + 14 * HOUR, "Food & Drink", "pasta recipe", "allrecipes.com"));
        PersonaDocument persona = build(activities, ZoneOffset.UTC);

        assertThat(persona.archetype().label()).isEqualTo("Night-Owl Sports Fan");
        assertThat(persona.rhythms().chronotype()).isEqualTo("night owl");
        assertThat(persona.rhythms().hourOfDay()[23]).isEqualTo(30);
        assertThat(persona.rhythms().peakHour()).isEqualTo(23);
        assertThat(persona.interests()).extracting(PersonaDocument.Interest::category)
                .containsExactly("Sports", "Food & Drink");
        PersonaDocument.Interest sports = persona.interests().get(0);
        assertThat(sports.share()).isEqualTo(0.9677);
        assertThat(sports.topTerms()).extracting(PersonaDocument.Counted::value)
                .containsExactly("highlights", "lakers", "nba");
        assertThat(sports.topDomains()).containsExactly(new PersonaDocument.Counted("espn.com", 30));
        assertThat(sports.examples()).hasSize(1);
        PersonaDocument.Engagement engagement = persona.engagement();
        assertThat(engagement.activeDays()).isEqualTo(11);
        assertThat(engagement.spanDays()).isEqualTo(21);
        assertThat(engagement.longestStreakDays()).isEqualTo(10);
        assertThat(engagement.sessions()).isEqualTo(11);
        assertThat(engagement.averageSessionMinutes()).isEqualTo(Math.round((10 * 11 + 1) / 11.0 * 10) / 10.0);
        assertThat(persona.summary()).startsWith("A Night-Owl Sports Fan. Mostly into Sports (97%) and Food & Drink (3%).");
    }

    @Test
    void hoursFollowTheUsersZoneAndDateOnlyActivitiesHaveNoHour() {
        long noonUtc = Instant.parse("2024-03-01T12:00:00Z").toEpochMilli();
        List<CategorizedActivity> activities = List.of(
                activity(noonUtc, "Travel", "flights", "booking.com"),
                new CategorizedActivity(new Activity(noonUtc - 12 * HOUR, true, "csv", "note", "day only", null, null,
                        null, null, null, null, null, null, null), "Travel", 0.5, "keywords"));
        PersonaDocument persona = build(activities, ZoneId.of("Asia/Tokyo"));
        assertThat(persona.rhythms().hourOfDay()[21]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(persona.rhythms().hourOfDay()).sum()).isEqualTo(1);
        assertThat(persona.rhythms().dayOfWeek()[4]).isEqualTo(2);
        assertThat(persona.rhythms().weekHour()[4][21]).as("Friday 21:00 in Tokyo, the timed one only").isEqualTo(1);
        assertThat(java.util.Arrays.stream(persona.rhythms().weekHour()).flatMapToLong(java.util.Arrays::stream).sum())
                .isEqualTo(1);
    }

    @Test
    void theWeekdayByHourCountsAddUpToTheHourAndDayCountsOfTimedActivities() {
        List<CategorizedActivity> activities = new ArrayList<>();
        long monday = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 200; i++) {
            activities.add(activity(monday + i * 7 * HOUR + i * 60_000L, "Sports", "match", "espn.com"));
        }
        PersonaDocument.Rhythms rhythms = build(activities, ZoneOffset.UTC).rhythms();
        assertThat(rhythms.weekHour()).hasNumberOfRows(7);
        assertThat(rhythms.weekHour()[0]).hasSize(24);
        assertThat(rhythms.weekHour()[0][0]).as("Monday 00:00, 00:24 and 00:48").isEqualTo(3);
        for (int day = 0; day < 7; day++) {
            assertThat(java.util.Arrays.stream(rhythms.weekHour()[day]).sum()).isEqualTo(rhythms.dayOfWeek()[day]);
        }
        for (int hour = 0; hour < 24; hour++) {
            int h = hour;
            assertThat(java.util.Arrays.stream(rhythms.weekHour()).mapToLong(row -> row[h]).sum())
                    .isEqualTo(rhythms.hourOfDay()[hour]);
        }
    }

    @Test
    void aRecentlyGrowingInterestIsRisingAndAFadingOneFalling() {
        List<CategorizedActivity> activities = new ArrayList<>();
        long start = Instant.parse("2023-01-01T12:00:00Z").toEpochMilli();
        for (int day = 0; day < 360; day++) {
            boolean recent = day >= 300;
            activities.add(activity(start + day * DAY, recent ? "Travel" : "Television", "x", null));
            activities.add(activity(start + day * DAY + HOUR, "Science", "y", null));
        }
        PersonaDocument persona = build(activities, ZoneOffset.UTC);
        Map<String, String> trends = new java.util.HashMap<>();
        persona.interests().forEach(i -> trends.put(i.category(), i.trend()));
        assertThat(trends).containsEntry("Travel", "rising").containsEntry("Television", "falling")
                .containsEntry("Science", "steady");
        assertThat(persona.summary()).contains("Growing interest in Travel.");
        PersonaDocument.Interest travel = persona.interests().stream()
                .filter(i -> i.category().equals("Travel")).findFirst().orElseThrow();
        PersonaDocument.Interest television = persona.interests().stream()
                .filter(i -> i.category().equals("Television")).findFirst().orElseThrow();
        assertThat((double) travel.score() / television.score()).as("recent activity weighs more")
                .isGreaterThan((double) travel.count() / television.count());
    }

    @Test
    void withoutAnyCategorizedActivityThePersonaIsAnEnigma() {
        long t = Instant.parse("2024-03-01T12:00:00Z").toEpochMilli();
        PersonaDocument persona = build(List.of(activity(t, "Uncategorized", "qwzx", null)), ZoneOffset.UTC);
        assertThat(persona.interests()).isEmpty();
        assertThat(persona.archetype().noun()).isEqualTo("Enigma");
        assertThat(persona.dataQuality().uncategorizedShare()).isEqualTo(1.0);
        assertThat(persona.summary()).contains("No interest stood out");
    }

    @Test
    void eachSourceHasItsVolumeShareAndTopCategories() {
        long t = Instant.parse("2024-03-01T12:00:00Z").toEpochMilli();
        List<CategorizedActivity> activities = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            activities.add(played(t + i * HOUR, "YouTube", "watch", null, "Sports", null, null, null));
        }
        activities.add(played(t + 7 * HOUR, "YouTube", "watch", null, "Food & Drink", null, null, null));
        for (int i = 0; i < 3; i++) {
            activities.add(played(t + (8 + i) * HOUR, "Search", "search", null, "Travel", null, null, null));
        }
        PersonaDocument persona = build(activities, ZoneOffset.UTC);
        assertThat(persona.sources()).extracting(PersonaDocument.SourceBreakdown::source,
                PersonaDocument.SourceBreakdown::count, PersonaDocument.SourceBreakdown::share)
                .containsExactly(tuple("YouTube", 7L, 0.7), tuple("Search", 3L, 0.3));
        assertThat(persona.sources().get(0).topCategories()).containsExactly(
                new PersonaDocument.CategoryShare("Sports", 6, 0.8571),
                new PersonaDocument.CategoryShare("Food & Drink", 1, 0.1429));
        assertThat(persona.listening()).isNull();
        assertThat(persona.watching()).isNull();
    }

    @Test
    void listeningCountsMinutesArtistsAndTheMusicPodcastSplit() {
        long t = Instant.parse("2024-03-01T12:00:00Z").toEpochMilli();
        List<CategorizedActivity> activities = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            activities.add(played(t + i * HOUR, "Spotify", "listen", "Anti-Hero", "Music and Audio",
                    i < 7 ? "Taylor Swift" : "Queen", Activity.MUSIC, 180.0));
        }
        activities.add(played(t + 20 * HOUR, "Spotify", "listen", "Episode", "News and Politics", "The Daily",
                Activity.PODCAST, 1800.0));
        PersonaDocument.Listening listening = build(activities, ZoneOffset.UTC).listening();
        assertThat(listening.plays()).isEqualTo(11);
        assertThat(listening.minutes()).isEqualTo(60);
        assertThat(listening.music()).isEqualTo(new PersonaDocument.MediumShare(10, 30, 0.5));
        assertThat(listening.podcasts()).isEqualTo(new PersonaDocument.MediumShare(1, 30, 0.5));
        assertThat(listening.topArtists()).containsExactly(new PersonaDocument.Played("Taylor Swift", 7, 21),
                new PersonaDocument.Played("Queen", 3, 9));
        assertThat(listening.topPodcasts()).containsExactly(new PersonaDocument.Played("The Daily", 1, 30));
    }

    @Test
    void watchingFindsTopShowsBingeSessionsAndProfilesInAnyOrder() {
        long evening = Instant.parse("2024-03-01T19:00:00Z").toEpochMilli();
        List<CategorizedActivity> activities = new ArrayList<>();
        for (int e = 0; e < 5; e++) {
            activities.add(watched(evening + e * 47 * MINUTE, "The Crown", Activity.EPISODE, 2700.0, "Anna"));
        }
        for (int e = 0; e < 3; e++) {
            activities.add(watched(evening + DAY + e * 50 * MINUTE, "Dark", Activity.EPISODE, 3000.0, "Ben"));
        }
        activities.add(watched(evening + 2 * DAY, "The Crown", Activity.EPISODE, 2700.0, "Anna"));
        activities.add(watched(evening + 2 * DAY + 4 * HOUR, "The Crown", Activity.EPISODE, 2700.0, "Anna"));
        activities.add(watched(evening + 3 * DAY, null, Activity.MOVIE, 6600.0, "Ben"));
        java.util.Collections.reverse(activities);
        PersonaDocument persona = build(activities, ZoneOffset.UTC);

        PersonaDocument.Watching watching = persona.watching();
        assertThat(watching.titles()).isEqualTo(11);
        assertThat(watching.episodes()).isEqualTo(10);
        assertThat(watching.movies()).isEqualTo(1);
        assertThat(watching.minutes()).isEqualTo(7 * 45 + 3 * 50 + 110);
        assertThat(watching.topShows()).containsExactly(new PersonaDocument.Show("The Crown", 7, 315),
                new PersonaDocument.Show("Dark", 3, 150));
        assertThat(watching.bingeSessions()).isEqualTo(2);
        assertThat(watching.longestBinge()).isEqualTo(new PersonaDocument.Binge("The Crown", 5, 225,
                "2024-03-01T19:00:00Z"));
        assertThat(watching.profiles()).containsExactly(new PersonaDocument.Counted("Anna", 7),
                new PersonaDocument.Counted("Ben", 4));
        assertThat(persona.summary()).contains("Watched 10 hours of series and films, most of all The Crown, in 2 "
                + "binge sessions.");
    }

    @Test
    void anExampleAddressThatIsNotACleanHttpUrlIsLeftOut() {
        assertThat(PersonaAggregator.cleanUrl("https://www.espn.com/nba/x%20y")).isEqualTo("https://www.espn.com/nba/x%20y");
        assertThat(PersonaAggregator.cleanUrl("javascript:alert(1)")).isNull();
        assertThat(PersonaAggregator.cleanUrl("https://evil.example/\"><svg onload=alert(1)>")).isNull();
        assertThat(PersonaAggregator.cleanUrl("https://[::1]:8443/a")).isEqualTo("https://[::1]:8443/a");
    }

    private static PersonaDocument build(List<CategorizedActivity> activities, ZoneId zone) {
        long first = activities.stream().mapToLong(a -> a.activity().time()).min().orElseThrow();
        long last = activities.stream().mapToLong(a -> a.activity().time()).max().orElseThrow();
        PreprocessReport report = new PreprocessReport(PreprocessReport.SCHEMA_VERSION, "job", "csv", "UTF-8", false, 100, activities.size(),
                activities.size(), 0, 0, Map.of(), List.of(), 0, IsoInstant.format(first), IsoInstant.format(last),
                new PreprocessReport.Timezone(zone.getId(), "upload"), 0, Map.of(), Map.of("csv", (long) activities.size()),
                List.of(), null);
        PersonaAggregator aggregator = new PersonaAggregator(report, zone);
        activities.forEach(aggregator::accept);
        return aggregator.build("job", Instant.parse("2025-01-01T00:00:00Z"), zone.getId(), "upload");
    }

    private static CategorizedActivity played(long time, String source, String kind, String text, String category,
                                              String context, String medium, Double duration) {
        return new CategorizedActivity(new Activity(time, false, source, kind, text == null ? "t" : text, context,
                null, null, null, duration, null, medium, null, null), category, 0.9, "keywords");
    }

    private static CategorizedActivity watched(long time, String show, String medium, double seconds, String profile) {
        return new CategorizedActivity(new Activity(time, false, "Netflix", "watch", "Episode", show, null, null, null,
                seconds, null, medium, null, profile), show == null ? "Movies" : "Television", 1.0, "medium");
    }

    private static CategorizedActivity activity(long time, String category, String text, String domain) {
        return new CategorizedActivity(new Activity(time, false, "csv", "visit", text, null,
                domain == null ? null : "https://" + domain + "/", domain, null, null, null, null, null, null), category, 0.9,
                "domain");
    }
}
