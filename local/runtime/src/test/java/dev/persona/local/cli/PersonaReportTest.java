package dev.persona.local.cli;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonaReportTest {

    private static final String PERSONA = """
            {"schemaVersion": "1.0", "timezone": {"id": "Europe/Paris", "source": "upload"},
             "archetype": {"label": "Night-Owl Sports Fan"},
             "summary": "A Night-Owl Sports Fan. Mostly into Sports (50%).",
             "interests": [
               {"category": "Sports", "count": 50, "share": 0.5, "trend": "rising"},
               {"category": "Food & Drink", "count": 25, "share": 0.25, "trend": "steady"}],
             "rhythms": {"hourOfDay": [8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 8],
                         "dayOfWeek": [1, 1, 1, 1, 1, 2, 4], "peakHour": 0, "peakDay": "Sunday",
                         "chronotype": "night owl"},
             "engagement": {"activeDays": 12, "spanDays": 30, "longestStreakDays": 4, "sessions": 20},
             "dataQuality": {"recordsRead": 1200, "recordsUsed": 1100, "recordsRejected": 5,
                             "duplicatesRemoved": 95, "detectedFormat": "csv"}}""";

    private static List<String> render(boolean unicode) throws Exception {
        return new PersonaReport(unicode).render(new ObjectMapper().readTree(PERSONA));
    }

    @Test
    void showsTheArchetypeInterestsRhythmsAndCounts() throws Exception {
        List<String> lines = render(true);

        assertThat(lines.getFirst()).isEqualTo("Persona: Night-Owl Sports Fan");
        assertThat(lines).contains(
                "  Sports        ████████████████████████  50.0%      50  rising",
                "  Food & Drink  ████████████░░░░░░░░░░░░  25.0%      25",
                "  hour of day  █                     ▅█  busiest 00:00",
                "  chronotype   night owl",
                "Engagement: active on 12 of 30 days, longest streak 4 days, 20 sessions",
                "Data: 1,200 records read, 1,100 used, 5 rejected, 95 duplicates (csv)");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("  day of week  Mon ▃  Tue ▃")
                .endsWith("Sun █  busiest Sunday"));
    }

    @Test
    void fallsBackToAsciiWhereTheTerminalHasNoUnicode() throws Exception {
        assertThat(render(false)).contains("  Food & Drink  ############............  25.0%      25")
                .allSatisfy(line -> assertThat(line.chars()).allMatch(c -> c < 128));
    }
}
