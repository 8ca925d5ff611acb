package dev.persona.local.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.JobStatus;
import dev.persona.contracts.PipelineStep;

/**
 * Prints a job's way through the pipeline, one line per stage: QUEUED, each RUNNING step, then SUCCEEDED or
 * FAILED. Polling can miss a short stage; a stage seen later implies the ones before it, which are printed too,
 * in order, so the lines always tell the whole path.
 */
final class JobProgress {

    private static final List<String> STAGES = List.of(JobStatus.QUEUED.name(),
            PipelineStep.PREPROCESS.wireName(), PipelineStep.CATEGORIZE.wireName(),
            PipelineStep.BUILD_PERSONA.wireName(), JobStatus.SUCCEEDED.name());

    private final PrintStream out;
    private int printed = -1;

    JobProgress(PrintStream out) {
        this.out = out;
    }

    /** Prints what {@code job} adds to the lines so far; {@code elapsed} is the time since the upload. */
    void update(JsonNode job, Duration elapsed) {
        JobStatus status = JobStatus.valueOf(job.path("status").asText());
        if (status == JobStatus.FAILED) {
            line(elapsed, "FAILED", job.at("/error/code").asText("?") + ": " + job.at("/error/message").asText(""));
            printed = STAGES.size();
            return;
        }
        int stage = switch (status) {
            case AWAITING_UPLOAD -> -1;
            case RUNNING -> STAGES.indexOf(job.path("step").asText());
            default -> STAGES.indexOf(status.name());
        };
        while (printed < stage) {
            printed++;
            String name = STAGES.get(printed);
            if (printed == STAGES.size() - 1) {
                line(elapsed, name, counts(job));
            } else if (printed == 0) {
                line(elapsed, name, "");
            } else {
                line(elapsed, "RUNNING", name.replace('-', ' '));
            }
        }
    }

    private void line(Duration elapsed, String status, String detail) {
        out.println(String.format(Locale.ROOT, "  %5.1f s  %-9s  %s", elapsed.toMillis() / 1000.0, status, detail)
                .stripTrailing());
    }

    private static String counts(JsonNode job) {
        JsonNode counts = job.path("counts");
        if (counts.isMissingNode() || counts.isNull()) {
            return "";
        }
        return String.format(Locale.ROOT, "%,d records read, %,d kept, %,d rejected, %,d duplicates (%s)",
                counts.path("recordsRead").asLong(), counts.path("recordsKept").asLong(),
                counts.path("recordsRejected").asLong(), counts.path("duplicatesRemoved").asLong(),
                job.path("detectedFormat").asText("?"));
    }
}
