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

class PersonaAggregatorTest {

    private static final long HOUR = 3_600_000L;
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

    private static CategorizedActivity activity(long time, String category, String text, String domain) {
        return new CategorizedActivity(new Activity(time, false, "csv", "visit", text, null,
                domain == null ? null : "https://" + domain + "/", domain, null, null, null, null, null, null), category, 0.9,
                "domain");
    }
}
