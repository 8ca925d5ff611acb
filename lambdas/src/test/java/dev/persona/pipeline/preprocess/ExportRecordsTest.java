package dev.persona.pipeline.preprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.UploadMetadata;
import dev.persona.testing.IntermediateFiles;
import dev.persona.json.Json;
import dev.persona.pipeline.PreprocessReport;
import dev.persona.pipeline.errors.EmptyUpload;
import dev.persona.pipeline.errors.TooManyInvalidRecords;
import dev.persona.pipeline.errors.UnsupportedFormat;
import dev.persona.testing.InMemoryPipeline;
import dev.persona.testing.exports.ExportCorpus;
import dev.persona.testing.exports.ExportFiles;
import dev.persona.testing.exports.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the new exports' records become, and what is left out of them and why. */
class ExportRecordsTest {

    @TempDir
    Path spill;

    @Test
    void aTakeoutArchiveReportsEveryFileReadOrSkippedAndTheDuplicatesBetweenThem() {
        InMemoryPipeline pipeline = new InMemoryPipeline(spill);
        InMemoryPipeline.Outcome outcome = pipeline.run("takeout.zip", ExportCorpus.takeoutHtmlZip().content(),
                Map.of());

        PreprocessReport report = outcome.report();
        assertThat(report.format()).isEqualTo("zip");
        assertThat(report.archive().entries()).isEqualTo(10);
        assertThat(report.archive().filesRead()).isEqualTo(6);
        assertThat(report.archive().skippedByReason()).containsOnly(Map.entry("not-text", 1L),
                Map.entry("not-activity-data", 1L), Map.entry("nested-archive", 1L));
        assertThat(report.archive().skippedExamples().get("nested-archive")).containsExactly("Takeout/Drive/Notes.docx");
        assertThat(report.files()).extracting(PreprocessReport.FileRead::name).contains(
                "Takeout/My Activity/Search/MyActivity.html", "Takeout/Chrome/History.json");
        assertThat(report.recordsByFormat()).containsOnly(Map.entry("takeout-my-activity-html", 116L),
                Map.entry("chrome-history", 30L));
        assertThat(report.duplicatesRemoved()).as("YouTube's watches are in My Activity and in YouTube's history")
                .isEqualTo(30);
        assertThat(report.skippedByReason()).containsOnly(Map.entry("reload", 3L), Map.entry("not-a-web-page", 2L));
        assertThat(report.recordsRead()).isEqualTo(146);
        JsonNode quality = outcome.persona().path("dataQuality");
        assertThat(quality.at("/archive/filesRead").asLong()).isEqualTo(6);
        assertThat(quality.path("recordsSkipped").asLong()).isEqualTo(5);
        JsonNode search = activities(pipeline).stream().filter(a -> a.path("source").asText().equals("Search"))
                .findFirst().orElseThrow();
        assertThat(search.path("kind").asText()).isEqualTo("search");
        assertThat(search.path("url").asText()).isEqualTo("https://www.google.com/search");
    }

    @Test
    void spotifyPlaysStartWhenTheyEndedMinusTheirLengthAndShortPlaysAreLeftOut() {
        InMemoryPipeline pipeline = new InMemoryPipeline(spill);
        ExportFiles files = new ExportFiles(1, Instant.parse("2024-01-01T00:00:00Z"));
        String json = files.spotifyStreamingHistory(List.of(
                new ExportFiles.Play("Queen", "Bohemian Rhapsody", null, null, 354_000, Instant.parse("2024-01-05T21:14:00Z")),
                new ExportFiles.Play("Queen", "Radio Ga Ga", null, null, 4_000, Instant.parse("2024-01-05T21:20:00Z")),
                new ExportFiles.Play(null, null, "The Daily", "The Election", 1_500_000,
                        Instant.parse("2024-01-06T08:00:00Z"))));

        InMemoryPipeline.Outcome outcome = pipeline.run("StreamingHistory0.json", utf8(json),
                Map.of("timezone", "Asia/Tokyo"));

        List<JsonNode> activities = activities(pipeline);
        assertThat(activities).hasSize(2);
        assertThat(activities.get(0).path("time").asText()).as("UTC whatever the declared zone")
                .isEqualTo("2024-01-05T21:08:06Z");
        assertThat(activities.get(0).path("durationSeconds").asDouble()).isEqualTo(354.0);
        assertThat(activities.get(0).path("medium").asText()).isEqualTo("music");
        assertThat(activities.get(0).path("context").asText()).isEqualTo("Queen");
        assertThat(activities.get(1).path("medium").asText()).isEqualTo("podcast");
        assertThat(activities.get(1).path("context").asText()).isEqualTo("The Daily");
        assertThat(outcome.report().skippedByReason()).containsOnly(Map.entry("short-play", 1L));
        assertThat(outcome.persona().at("/listening/minutes").asLong()).isEqualTo(31);
    }

    @Test
    void netflixLeavesOutTrailersAndPreviewsAndKeepsTheChosenProfileOnly() {
        String csv = ExportFiles.netflixViewingActivity(List.of(
                new ExportFiles.Viewing("Anna", Instant.parse("2024-01-05T20:00:00Z"), "00:45:00", "",
                        "The Crown: Season 1: Wolferton Splash (Episode 1)", ""),
                new ExportFiles.Viewing("Ben", Instant.parse("2024-01-05T21:00:00Z"), "01:52:10", "", "The Irishman", ""),
                new ExportFiles.Viewing("Anna", Instant.parse("2024-01-05T22:00:00Z"), "00:01:30", "",
                        "The Crown: Season 6 (Trailer)", "TRAILER"),
                new ExportFiles.Viewing("Anna", Instant.parse("2024-01-05T22:10:00Z"), "00:00:08",
                        "Autoplayed: user action: None; ", "Stranger Things: Stranger Things 4: Chapter One", "")));

        InMemoryPipeline all = new InMemoryPipeline(spill);
        InMemoryPipeline.Outcome everyone = all.run("ViewingActivity.csv", utf8(csv), Map.of("timezone", "America/New_York"));
        assertThat(everyone.report().skippedByReason()).containsOnly(Map.entry("trailer", 1L),
                Map.entry("autoplay-preview", 1L));
        JsonNode episode = activities(all).get(0);
        assertThat(episode.path("time").asText()).isEqualTo("2024-01-05T20:00:00Z");
        assertThat(episode.path("context").asText()).isEqualTo("The Crown");
        assertThat(episode.path("season").asText()).isEqualTo("Season 1");
        assertThat(episode.path("text").asText()).isEqualTo("Wolferton Splash (Episode 1)");
        assertThat(episode.path("profile").asText()).isEqualTo("Anna");
        assertThat(everyone.persona().at("/watching/profiles")).hasSize(2);

        InMemoryPipeline anna = new InMemoryPipeline(spill);
        InMemoryPipeline.Outcome annaOnly = anna.run("ViewingActivity.csv", utf8(csv), Map.of(UploadMetadata.VIEWING_PROFILE, "anna"));
        assertThat(annaOnly.report().skippedByReason()).containsEntry("other-profile", 1L);
        assertThat(annaOnly.persona().at("/watching/movies").asLong()).isZero();
        assertThat(annaOnly.persona().at("/interests/0/category").asText()).isEqualTo("Television");
    }

    @Test
    void aFileOfNothingButTrailersHoldsNoActivity() {
        String csv = ExportFiles.netflixViewingActivity(List.of(new ExportFiles.Viewing("Anna",
                Instant.parse("2024-01-05T22:00:00Z"), "00:01:30", "", "The Crown: Season 6 (Trailer)", "TRAILER")));
        assertThatThrownBy(() -> new InMemoryPipeline(spill).run("ViewingActivity.csv", utf8(csv), Map.of()))
                .isInstanceOf(EmptyUpload.class).hasMessageContaining("trailer: 1");
    }

    @Test
    void anHtmlPageWithoutActivityUploadedAloneIsNotAnExport() {
        assertThatThrownBy(() -> new InMemoryPipeline(spill).run("archive_browser.html",
                utf8(ExportFiles.archiveBrowser()), Map.of())).isInstanceOf(UnsupportedFormat.class)
                .hasMessageContaining("no Google Takeout activity");
    }

    @Test
    void anAmbiguousZoneAbbreviationNeedsTheDeclaredZone() {
        ExportFiles files = new ExportFiles(3, Instant.parse("2024-01-05T00:00:00Z"));
        byte[] html = utf8(files.myActivityHtml(files.searches(Topic.TRAVEL, "Search", 10),
                java.time.ZoneId.of("Asia/Kolkata"), ExportFiles.HtmlDates.US_ENGLISH));
        assertThatThrownBy(() -> new InMemoryPipeline(spill).run("MyActivity.html", html, Map.of()))
                .isInstanceOf(TooManyInvalidRecords.class).hasMessageContaining("declare your time zone");
        InMemoryPipeline declared = new InMemoryPipeline(spill);
        assertThat(declared.run("MyActivity.html", html, Map.of("timezone", "Asia/Kolkata")).preprocessed()
                .recordsKept()).isEqualTo(10);
    }

    /** Finding 8 of the security issue: text stays text, card numbers go, addresses are clean. */
    @Test
    void hostileTextIsStoredAsTextWithCardNumbersRedactedAndOnlyCleanAddresses() {
        String csv = "timestamp,title,url\n"
                + "2024-01-05T10:00:00Z,<script>alert(1)</script> nba highlights,https://www.espn.com/nba/\"><svg onload=alert(1)>\n"
                + "2024-01-05T11:00:00Z,=HYPERLINK(\"https://evil.example\") nba scores,https://www.nba.com/games\n"
                + "2024-01-05T12:00:00Z,paid 4111 1111 1111 1111 for nba tickets,https://www.nba.com/tickets\n";
        InMemoryPipeline pipeline = new InMemoryPipeline(spill);
        JsonNode persona = pipeline.run("events.csv", utf8(csv), Map.of()).persona();

        List<String> texts = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        persona.at("/interests/0/examples").forEach(e -> {
            texts.add(e.path("text").asText());
            urls.add(e.path("url").asText());
        });
        assertThat(texts).contains("<script>alert(1)</script> nba highlights",
                "=HYPERLINK(\"https://evil.example\") nba scores", "paid [card] for nba tickets");
        assertThat(urls).contains("https://www.espn.com/nba/%22%3E%3Csvg%20onload=alert(1)%3E")
                .allSatisfy(url -> assertThat(url).doesNotContain("<", ">", "\"", "'", " "));
        assertThat(persona.toString()).doesNotContain("4111");
    }

    private static List<JsonNode> activities(InMemoryPipeline pipeline) {
        return IntermediateFiles.activities(pipeline.store().bytes(InMemoryPipeline.BUCKET,
                "processed/user/job/activities.blocks"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
