package dev.persona.local.cli;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonaReportTest {

    private static final String PERSONA = """
            {"schemaVersion": "1.1", "timezone": {"id": "Europe/Paris", "source": "upload"},
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
                             "duplicatesRemoved": 95, "detectedFormat": "csv"},
             "sources": [{"source": "csv", "count": 1100, "share": 1.0,
                          "topCategories": [{"category": "Sports", "count": 50, "share": 0.5}]}]}""";

    private static final String ARCHIVE = """
            {"schemaVersion": "1.1", "timezone": {"id": "UTC", "source": "default"},
             "archetype": {"label": "Binge Watcher"}, "summary": "A Binge Watcher.",
             "interests": [{"category": "Television", "count": 12, "share": 0.6}],
             "rhythms": {"hourOfDay": [], "dayOfWeek": [], "chronotype": "evening person"},
             "engagement": {"activeDays": 3, "spanDays": 3, "longestStreakDays": 3, "sessions": 4},
             "dataQuality": {"recordsRead": 40, "recordsUsed": 20, "recordsRejected": 0, "duplicatesRemoved": 12,
                             "recordsSkipped": 8, "skippedByReason": {"trailer": 5, "short-play": 3},
                             "detectedFormat": "zip",
                             "archive": {"type": "zip", "entries": 7, "filesRead": 2, "filesSkipped": 3,
                                         "skippedByReason": {"not-text": 2, "nested-archive": 1}}},
             "sources": [{"source": "Netflix", "count": 12, "share": 0.6,
                          "topCategories": [{"category": "Television", "count": 11, "share": 0.9167}]},
                         {"source": "Spotify", "count": 8, "share": 0.4, "topCategories": []}],
             "listening": {"plays": 8, "minutes": 150, "music": {"plays": 6, "minutes": 120, "share": 0.8},
                           "podcasts": {"plays": 2, "minutes": 30, "share": 0.2},
                           "audiobooks": {"plays": 0, "minutes": 0, "share": 0.0},
                           "topArtists": [{"name": "Queen", "plays": 4, "minutes": 80},
                                          {"name": "Daft Punk", "plays": 2, "minutes": 40}],
                           "topPodcasts": [{"name": "The Daily", "plays": 2, "minutes": 30}]},
             "watching": {"titles": 12, "episodes": 11, "movies": 1, "minutes": 600, "videos": 0,
                          "topShows": [{"name": "The Crown", "episodes": 7, "minutes": 315}],
                          "bingeSessions": 2,
                          "longestBinge": {"show": "The Crown", "episodes": 5, "minutes": 225,
                                           "startedAt": "2024-03-01T19:00:00Z"},
                          "profiles": [{"value": "Anna", "count": 7}]}}""";

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
    void showsSourcesListeningWatchingAndWhatAnArchiveHeld() throws Exception {
        List<String> lines = new PersonaReport(true).render(new ObjectMapper().readTree(ARCHIVE));

        assertThat(lines).contains("Sources",
                "  Netflix  ██████████████░░░░░░░░░░  60.0%      12  mostly Television",
                "  Spotify  ██████████░░░░░░░░░░░░░░  40.0%       8",
                "Listening",
                "  8 plays, 3 h: music 80%, podcasts 20%, audiobooks 0%",
                "  top artists  Queen (4), Daft Punk (2)",
                "  top podcasts The Daily (2)",
                "Watching",
                "  12 titles (11 episodes, 1 film), 10 h",
                "  top shows    The Crown (7)",
                "  2 binge sessions, the longest 5 episodes of The Crown",
                "Data: 40 records read, 20 used, 0 rejected, 12 duplicates, 8 left out (trailer 5, short-play 3) (zip)",
                "Archive: 7 entries, 2 files read, 3 skipped (not-text 2, nested-archive 1)");
    }

    @Test
    void fallsBackToAsciiWhereTheTerminalHasNoUnicode() throws Exception {
        assertThat(render(false)).contains("  Food & Drink  ############............  25.0%      25")
                .allSatisfy(line -> assertThat(line.chars()).allMatch(c -> c < 128));
    }
}
