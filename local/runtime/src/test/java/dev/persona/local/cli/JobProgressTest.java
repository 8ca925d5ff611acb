package dev.persona.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobProgressTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final JobProgress progress = new JobProgress(new PrintStream(printed, true, StandardCharsets.UTF_8));

    private void update(String job, long millis) throws Exception {
        progress.update(new ObjectMapper().readTree(job), Duration.ofMillis(millis));
    }

    private String[] lines() {
        return printed.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void aStageMissedBetweenPollsIsPrintedWhenALaterOneIsSeen() throws Exception {
        update("{\"status\": \"AWAITING_UPLOAD\"}", 50);
        update("{\"status\": \"QUEUED\"}", 100);
        update("{\"status\": \"RUNNING\", \"step\": \"categorize\"}", 400);
        update("{\"status\": \"RUNNING\", \"step\": \"categorize\"}", 500);
        update("""
                {"status": "SUCCEEDED", "detectedFormat": "csv", "counts": {"recordsRead": 1200, "recordsKept": 1100,
                 "recordsRejected": 5, "duplicatesRemoved": 95}}""", 900);

        assertThat(lines()).containsExactly(
                "    0.1 s  QUEUED",
                "    0.4 s  RUNNING    preprocess",
                "    0.4 s  RUNNING    categorize",
                "    0.9 s  RUNNING    build persona",
                "    0.9 s  SUCCEEDED  1,200 records read, 1,100 kept, 5 rejected, 95 duplicates (csv)");
    }

    @Test
    void aFailureShowsItsCodeAndMessage() throws Exception {
        update("{\"status\": \"RUNNING\", \"step\": \"preprocess\"}", 200);
        update("{\"status\": \"FAILED\", \"error\": {\"code\": \"EmptyUpload\", \"message\": \"No records.\"}}", 300);

        assertThat(lines()).containsExactly(
                "    0.2 s  QUEUED",
                "    0.2 s  RUNNING    preprocess",
                "    0.3 s  FAILED     EmptyUpload: No records.");
    }
}
