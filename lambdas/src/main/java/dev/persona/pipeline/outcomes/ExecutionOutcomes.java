package dev.persona.pipeline.outcomes;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.OperationalMetrics;
import dev.persona.contracts.OperationalMetrics.OutcomeClass;
import dev.persona.contracts.PipelineErrorCodes;
import dev.persona.json.Json;

/**
 * Classifies the pipeline's "Step Functions Execution Status Change" events (EventBridge reference, AWS Step Functions
 * events: {@code detail} holds {@code status}, {@code startDate} and {@code stopDate} in epoch milliseconds, and the
 * execution's {@code input}, {@code output}, {@code error} and {@code cause} as strings).
 *
 * <p>An execution that failed with a named user error ended in the state machine's PipelineFailed with that code; a
 * failure on our side ends in ResumeAfterRedrive with {@code States.NoChoiceMatched} (the job says InternalError),
 * and any error this list does not name counts as ours. Timeouts and aborts are ours: no catcher ran.
 */
public final class ExecutionOutcomes {

    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    static final String TIMED_OUT = "TIMED_OUT";
    static final String ABORTED = "ABORTED";

    private ExecutionOutcomes() {
    }

    /** The outcome of an execution that ended; empty for any other status (RUNNING, PENDING_REDRIVE). */
    public static Optional<JobOutcome> of(JsonNode event) {
        JsonNode detail = event.path("detail");
        return switch (detail.path("status").asText()) {
            case SUCCEEDED -> Optional.of(succeeded(detail));
            case FAILED -> Optional.of(failed(detail.path("error").asText("")));
            case TIMED_OUT -> Optional.of(new JobOutcome(OutcomeClass.SYSTEM, OperationalMetrics.TIMED_OUT, null));
            case ABORTED -> Optional.of(new JobOutcome(OutcomeClass.SYSTEM, OperationalMetrics.ABORTED, null));
            default -> Optional.empty();
        };
    }

    private static JobOutcome succeeded(JsonNode detail) {
        JsonNode output = json(detail.path("output").asText(null));
        // The state machine keeps BuildPersona's result at $.persona, and a clean-up's at $.discard: a job withdrawn
        // after its persona was built ends with both, and without a persona to show.
        if (output == null || !output.hasNonNull("persona") || output.has("discard")) {
            return new JobOutcome(OutcomeClass.SUCCESS, OperationalMetrics.NO_PERSONA, null);
        }
        Instant stopped = Instant.ofEpochMilli(detail.path("stopDate").asLong());
        Instant uploaded = uploadTime(detail).orElse(Instant.ofEpochMilli(detail.path("startDate").asLong()));
        Duration elapsed = Duration.between(uploaded, stopped);
        return new JobOutcome(OutcomeClass.SUCCESS, OperationalMetrics.PERSONA_BUILT,
                elapsed.isNegative() ? Duration.ZERO : elapsed);
    }

    private static JobOutcome failed(String error) {
        if (PipelineErrorCodes.USER_ERRORS.contains(error)) {
            return new JobOutcome(OutcomeClass.USER, error, null);
        }
        if (error.equals(PipelineErrorCodes.JOB_NOT_OWNED)) {
            return new JobOutcome(OutcomeClass.SUCCESS, error, null);
        }
        return new JobOutcome(OutcomeClass.SYSTEM, PipelineErrorCodes.INTERNAL_ERROR, null);
    }

    /** The time of the S3 event that started the execution: when the upload arrived. */
    private static Optional<Instant> uploadTime(JsonNode detail) {
        JsonNode input = json(detail.path("input").asText(null));
        if (input == null || !input.path("time").isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(input.path("time").asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static JsonNode json(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
