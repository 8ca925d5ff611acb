package dev.persona.pipeline.preprocess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.testing.IntermediateFiles;
import dev.persona.json.Json;
import dev.persona.pipeline.PreprocessReport;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.errors.EmptyUpload;
import dev.persona.pipeline.errors.InvalidUploadKey;
import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.errors.PipelineException;
import dev.persona.pipeline.errors.TooManyInvalidRecords;
import dev.persona.pipeline.errors.UnsupportedEncoding;
import dev.persona.pipeline.errors.UnsupportedFormat;
import dev.persona.pipeline.errors.UploadNotFound;
import dev.persona.pipeline.errors.UploadTooLarge;
import dev.persona.testing.InMemoryObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreprocessServiceTest {

    private static final String BUCKET = "uploads-bucket";
    private static final String USER = "user-1";
    private static final String JOB = "job-1";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path spill;

    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Test
    void takeoutExportIsNormalizedRedactedAndDeduplicated() {
        PreprocessResult result = run("takeout-my-activity.json", corpus("takeout-my-activity.json"));

        assertThat(result.format()).isEqualTo("takeout-my-activity");
        assertThat(result.recordsRead()).isEqualTo(14);
        assertThat(result.duplicatesRemoved()).isEqualTo(1);
        assertThat(result.recordsRejected()).isEqualTo(2);
        assertThat(result.recordsKept()).isEqualTo(11);
        List<JsonNode> activities = activities();
        assertThat(activities).hasSize(11);
        JsonNode first = activities.get(0);
        assertThat(first.get("time").asText()).isEqualTo("2024-06-17T21:14:09.123Z");
        assertThat(first.get("source").asText()).isEqualTo("YouTube");
        assertThat(first.get("kind").asText()).isEqualTo("watch");
        assertThat(first.get("text").asText()).isEqualTo("NBA Finals Game 7 Highlights | Lakers vs Celtics");
        assertThat(first.get("context").asText()).isEqualTo("NBA");
        assertThat(first.get("url").asText()).isEqualTo("https://www.youtube.com/watch");
        assertThat(first.get("domain").asText()).isEqualTo("youtube.com");
        assertThat(texts(activities)).contains("premier league table", "email [email] about tickets",
                "call me at [phone]", "a video that has been removed", "Lisbon Airport");
        JsonNode visited = activities.stream().filter(a -> a.path("domain").asText().equals("google.com")
                && a.get("kind").asText().equals("visit")).findFirst().orElseThrow();
        assertThat(visited.has("text")).as("a title that is only an address adds no text").isFalse();
        PreprocessReport report = report();
        assertThat(report.rejectedByReason()).containsEntry("timestamp-out-of-range", 1L)
                .containsEntry("bad-timestamp", 1L);
        assertThat(report.firstActivityAt()).isEqualTo("2024-06-12T09:00:00Z");
        assertThat(report.lastActivityAt()).isEqualTo("2024-06-17T21:14:09.123Z");
        assertThat(report.timezone()).isEqualTo(new PreprocessReport.Timezone("UTC", "default"));
    }

    @Test
    void csvWithQuotedCommasNewlinesAndEveryColumnKind() {
        PreprocessResult result = run("events.csv", corpus("events.csv"));

        assertThat(result.format()).isEqualTo("csv");
        assertThat(result.recordsRead()).isEqualTo(8);
        assertThat(result.recordsRejected()).isEqualTo(2);
        List<JsonNode> activities = activities();
        assertThat(texts(activities)).containsExactly("Running shoes, size 42", "A title with \"quotes\" inside",
                "Line one line two of the same title", "Podcast episode", "cheap flights to rome", "Date only entry");
        JsonNode shoes = activities.get(0);
        assertThat(shoes.get("value").asDouble()).isEqualTo(129.99);
        assertThat(shoes.get("userCategory").asText()).isEqualTo("Sports");
        assertThat(shoes.get("kind").asText()).isEqualTo("purchase");
        assertThat(activities.get(1).get("time").asText()).isEqualTo("2024-05-01T07:30:00Z");
        assertThat(activities.get(2).get("durationSeconds").asDouble()).isEqualTo(3723);
        assertThat(activities.get(3).get("time").asText()).isEqualTo("2024-05-02T08:00:00Z");
        assertThat(activities.get(4).get("time").asText()).isEqualTo("2024-05-02T08:00:00Z");
        assertThat(activities.get(5).get("dateOnly").asBoolean()).isTrue();
        PreprocessReport report = report();
        assertThat(report.rejectedByReason()).containsOnly(Map.entry("bad-timestamp", 1L),
                Map.entry("no-text-or-url", 1L));
        assertThat(report.rejectedSamples()).extracting(PreprocessReport.RejectedSample::line).containsExactly(9L, 10L);
        assertThat(report.rejectedSamples().get(0).excerpt()).isEqualTo("not-a-date");
        assertThat(report.dateOnlyRecords()).isEqualTo(1);
    }

    @Test
    void semicolonCsvWithSplitDateAndTimeColumnsUsesTheDeclaredZone() {
        store.putObject(BUCKET, key("events-semicolon.csv"), corpus("events-semicolon.csv"),
                Map.of("timezone", "Europe/Paris"));
        PreprocessResult result = service(1000).preprocess(request("events-semicolon.csv"));

        assertThat(result.recordsKept()).isEqualTo(3);
        List<JsonNode> activities = activities();
        assertThat(activities.get(0).get("time").asText()).isEqualTo("2024-04-01T05:15:00Z");
        assertThat(activities.get(1).get("time").asText()).isEqualTo("2024-04-01T21:40:05Z");
        assertThat(activities.get(2).get("time").asText()).isEqualTo("2024-04-02T10:00:00Z");
        assertThat(report().timezone()).isEqualTo(new PreprocessReport.Timezone("Europe/Paris", "upload"));
    }

    @Test
    void tabSeparatedWithEpochSeconds() {
        PreprocessResult result = run("events.tsv", corpus("events.tsv"));
        assertThat(result.recordsKept()).isEqualTo(2);
        assertThat(activities()).extracting(a -> a.get("kind").asText()).containsOnly("play");
    }

    @Test
    void jsonLinesAndJsonArraysMatchAliasesCaseInsensitively() {
        PreprocessResult lines = run("events.jsonl", corpus("events.jsonl"));
        assertThat(lines.format()).isEqualTo("json-lines");
        assertThat(lines.recordsKept()).isEqualTo(4);
        List<JsonNode> activities = activities();
        assertThat(texts(activities)).containsExactly("Lasagna recipe", "how to train a puppy",
                "Documentary about black holes", "Morning yoga routine");
        assertThat(activities.get(2).get("durationSeconds").asDouble()).isEqualTo(2700);
        assertThat(activities.get(2).get("value").asDouble()).isEqualTo(3);
        assertThat(activities.get(3).get("time").asText()).isEqualTo("2024-03-02T13:00:00Z");
        assertThat(activities.get(3).get("userCategory").asText()).isEqualTo("fitness");

        PreprocessResult array = run("events-array.json", corpus("events-array.json"));
        assertThat(array.format()).isEqualTo("json-array");
        assertThat(array.recordsKept()).isEqualTo(4);
        assertThat(array.recordsRejected()).isEqualTo(2);
        assertThat(report().rejectedByReason()).containsOnly(Map.entry("not-an-object", 2L));
    }

    @Test
    void gzipCompressedUploadsOfEveryFormatGiveTheSameActivities() {
        for (String file : List.of("takeout-my-activity.json", "events.csv", "events.jsonl", "events-array.json")) {
            run(file, corpus(file));
            byte[] plain = store.bytes(BUCKET, activitiesKey());
            run(file + ".gz", gzip(corpus(file)));
            assertThat(report().compressed()).isTrue();
            assertThat(store.bytes(BUCKET, activitiesKey())).as(file).isEqualTo(plain);
        }
    }

    @Test
    void byteOrderMarksAreHandledAndUtf16IsDecoded() {
        assertThat(run("events-bom.csv", corpus("events-bom.csv")).recordsKept()).isEqualTo(1);
        assertThat(report().encoding()).isEqualTo("UTF-8 (BOM)");

        String csv = new String(corpus("events.csv"), StandardCharsets.UTF_8);
        for (var encoding : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] bom = encoding == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : new byte[] {(byte) 0xFE, (byte) 0xFF};
            run("utf16.csv", concat(bom, csv.getBytes(encoding)));
            assertThat(texts(activities())).contains("Running shoes, size 42", "Line one line two of the same title");
            assertThat(report().encoding()).isEqualTo(encoding == StandardCharsets.UTF_16LE ? "UTF-16LE" : "UTF-16BE");
        }
    }

    @Test
    void everySupportedTimestampFormIsReadAndAbsurdDatesAreRejected() {
        PreprocessResult result = run("timestamps.csv", corpus("timestamps.csv"));

        List<JsonNode> activities = activities();
        assertThat(texts(activities)).containsExactly("iso utc", "iso fraction", "iso offset colon",
                "iso offset compact", "iso offset hours", "iso local", "space local", "minutes only", "epoch seconds",
                "epoch millis", "epoch fractional", "rfc 1123", "date only");
        assertThat(activities.subList(0, 13)).extracting(a -> a.get("time").asText()).containsExactly(
                "2024-01-15T10:20:30Z", "2024-01-15T10:20:30.123Z", "2024-01-15T10:20:30Z", "2024-01-15T10:20:30Z",
                "2024-01-15T10:20:30Z", "2024-01-15T10:20:30Z", "2024-01-15T10:20:30Z", "2024-01-15T10:20:00Z",
                "2024-01-15T10:20:30Z", "2024-01-15T10:20:30.123Z", "2024-01-15T10:20:30.500Z",
                "2024-01-15T10:20:30Z", "2024-01-15T00:00:00Z");
        assertThat(report().rejectedByReason()).containsOnly(Map.entry("bad-timestamp", 3L),
                Map.entry("timestamp-out-of-range", 3L), Map.entry("missing-timestamp", 1L));
        assertThat(result.recordsRead()).isEqualTo(20);
    }

    @Test
    void mixedValidAndInvalidJsonLinesAreCountedByReasonWithLineNumbers() {
        PreprocessResult result = run("mixed.jsonl", corpus("mixed-valid-invalid.jsonl"));

        assertThat(result.recordsKept()).isEqualTo(7);
        assertThat(result.recordsRejected()).isEqualTo(6);
        assertThat(texts(activities())).containsExactly("valid one", "valid three", "valid four", "valid five",
                "valid six", "valid seven");
        PreprocessReport report = report();
        assertThat(report.rejectedByReason()).containsOnly(Map.entry("malformed-line", 2L),
                Map.entry("not-an-object", 1L), Map.entry("missing-timestamp", 1L), Map.entry("no-text-or-url", 1L),
                Map.entry("bad-value", 1L));
        assertThat(report.rejectedSamples()).extracting(PreprocessReport.RejectedSample::line)
                .containsExactly(2L, 3L, 5L, 6L, 8L, 9L);
        assertThat(report.rejectedSamples()).extracting(PreprocessReport.RejectedSample::record)
                .containsExactly(2L, 3L, 4L, 5L, 7L, 8L);
    }

    @Test
    void exactDuplicatesAreRemovedWhateverTheFieldOrder() {
        PreprocessResult result = run("duplicates.jsonl", corpus("duplicates.jsonl"));
        assertThat(result.recordsRead()).isEqualTo(7);
        assertThat(result.duplicatesRemoved()).isEqualTo(5);
        assertThat(result.recordsKept()).isEqualTo(2);
    }

    @Test
    void emailsAndPhoneNumbersAreRedactedButDatesAndCountsAreNot() {
        run("pii.csv", corpus("pii.csv"));
        List<JsonNode> activities = activities();
        assertThat(texts(activities)).containsExactly("Write to [email] now", "Call [phone] or [phone] today",
                "Match on 2024-01-01 at 10:00 with 22000 fans in 1999");
        assertThat(activities.get(0).get("url").asText()).isEqualTo("https://example.com/u/%5Bemail%5D/profile");
    }

    @ParameterizedTest
    @CsvSource({
        "empty.json, EmptyUpload",
        "whitespace-only.txt, EmptyUpload",
        "header-only.csv, EmptyUpload",
        "empty-array.json, EmptyUpload",
        "binary.bin, UnsupportedFormat",
        "single-object.json, UnsupportedFormat",
        "no-time-column.csv, UnsupportedFormat",
        "latin1.csv, UnsupportedEncoding",
        "broken-array.json, MalformedUpload",
        "mostly-invalid.csv, TooManyInvalidRecords"
    })
    void badFilesFailWithTheirNamedErrorAndLeaveNothingBehind(String file, String error) {
        assertThatThrownBy(() -> run(file, corpus(file)))
                .isInstanceOf(PipelineException.class)
                .satisfies(e -> assertThat(((PipelineException) e).code()).isEqualTo(error))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("dev.persona"));
        assertNothingWritten();
    }

    @Test
    void truncatedGzipIsMalformedAndLeavesNothingBehind() {
        byte[] compressed = gzip(corpus("events.csv"));
        assertThatThrownBy(() -> run("events.csv.gz", Arrays.copyOf(compressed, compressed.length - 12)))
                .isInstanceOf(MalformedUpload.class).hasMessageContaining("gzip");
        assertNothingWritten();
    }

    @Test
    void tooManyInvalidRecordsExplainsTheCommonestProblem() {
        assertThatThrownBy(() -> run("mostly-invalid.csv", corpus("mostly-invalid.csv")))
                .isInstanceOf(TooManyInvalidRecords.class)
                .hasMessage("70 of 100 records (70%) are invalid; at most 50% may be. Most common problems: "
                        + "timestamp in no supported form (70). The first is at line 32.");
    }

    @Test
    void sizeLimitAppliesToTheObjectAndToDecompressedBytes() {
        byte[] csv = corpus("events.csv");
        store.putObject(BUCKET, key("big.csv"), csv, Map.of());
        PreprocessService limited = new PreprocessService(store,
                PreprocessSettings.defaults(BUCKET).withMaxUploadBytes(csv.length - 1), CLOCK);
        assertThatThrownBy(() -> limited.preprocess(request("big.csv"))).isInstanceOf(UploadTooLarge.class)
                .hasMessage("The file is larger than the limit of " + (csv.length - 1) + " bytes.");

        byte[] bomb = gzip("{\"ts\":1700000000,\"title\":\"x\"}\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        store.putObject(BUCKET, key("bomb.gz"), bomb, Map.of());
        PreprocessService small = new PreprocessService(store,
                PreprocessSettings.defaults(BUCKET).withMaxUploadBytes(100_000), CLOCK);
        assertThatThrownBy(() -> small.preprocess(request("bomb.gz"))).isInstanceOf(UploadTooLarge.class)
                .hasMessageContaining("once decompressed");
        assertNothingWritten();
    }

    @Test
    void missingReplacedOrMisplacedUploadsAreNamedErrors() {
        assertThatThrownBy(() -> service(1000).preprocess(request("absent.csv"))).isInstanceOf(UploadNotFound.class);

        store.putObject(BUCKET, key("events.csv"), corpus("events.csv"), Map.of());
        PreprocessRequest stale = new PreprocessRequest(USER, JOB, BUCKET,
                new UploadedObject(key("events.csv"), 10L, "an-old-etag", null));
        assertThatThrownBy(() -> service(1000).preprocess(stale)).isInstanceOf(UploadNotFound.class)
                .hasMessageContaining("replaced");

        PreprocessRequest otherUser = new PreprocessRequest("someone-else", JOB, BUCKET,
                new UploadedObject(key("events.csv"), 10L, null, null));
        assertThatThrownBy(() -> service(1000).preprocess(otherUser)).isInstanceOf(InvalidUploadKey.class);
        PreprocessRequest otherBucket = new PreprocessRequest(USER, JOB, "elsewhere",
                new UploadedObject(key("events.csv"), 10L, null, null));
        assertThatThrownBy(() -> service(1000).preprocess(otherBucket)).isInstanceOf(InvalidUploadKey.class);
    }

    @Test
    void spillingToDiskGivesTheSameResultAsInMemoryDeduplication() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            lines.append("{\"timestamp\":\"2024-01-01T00:00:00Z\",\"title\":\"item ").append(i % 1000).append("\"}\n");
        }
        byte[] upload = lines.toString().getBytes(StandardCharsets.UTF_8);
        store.putObject(BUCKET, key("many.jsonl"), upload, Map.of());
        PreprocessResult inMemory = service(1_000_000).preprocess(request("many.jsonl"));
        List<String> expected = sorted(texts(activities()));
        PreprocessResult spilled = service(100).preprocess(request("many.jsonl"));

        assertThat(spilled).isEqualTo(inMemory);
        assertThat(spilled.duplicatesRemoved()).isEqualTo(2000);
        assertThat(sorted(texts(activities()))).isEqualTo(expected).hasSize(1000);
        assertThat(spill.toFile().list()).as("spill files are deleted").isEmpty();
    }

    private PreprocessResult run(String file, byte[] content) {
        store.putObject(BUCKET, key(file), content, Map.of());
        return service(PreprocessSettings.DEFAULT_DEDUPE_MEMORY_BUDGET).preprocess(request(file));
    }

    private PreprocessService service(int dedupeBudget) {
        return new PreprocessService(store, new PreprocessSettings(BUCKET, PreprocessSettings.DEFAULT_MAX_UPLOAD_BYTES,
                0.5, dedupeBudget, spill, 20), CLOCK);
    }

    private PreprocessRequest request(String file) {
        String eTag = store.exists(BUCKET, key(file)) ? store.eTag(BUCKET, key(file)) : null;
        return new PreprocessRequest(USER, JOB, BUCKET, new UploadedObject(key(file), null, eTag, null));
    }

    private static String key(String file) {
        return "uploads/" + USER + "/" + JOB + "/" + file;
    }

    private static String activitiesKey() {
        return "processed/" + USER + "/" + JOB + "/activities.blocks";
    }

    private void assertNothingWritten() {
        assertThat(store.keys()).noneMatch(k -> k.contains("/processed/"));
    }

    private List<JsonNode> activities() {
        return IntermediateFiles.activities(store.bytes(BUCKET, activitiesKey()));
    }

    private PreprocessReport report() {
        try {
            return Json.MAPPER.readValue(store.bytes(BUCKET, "processed/" + USER + "/" + JOB + "/report.json"),
                    PreprocessReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(List<JsonNode> activities) {
        return activities.stream().filter(a -> a.has("text")).map(a -> a.get("text").asText()).toList();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    static byte[] corpus(String file) {
        try (InputStream in = PreprocessServiceTest.class.getResourceAsStream("/uploads/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
