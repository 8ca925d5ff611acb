package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** How an execution ended: its output when it succeeded, else its error and cause (each possibly null). */
public record ExecutionOutcome(ExecutionStatus status, JsonNode output, String error, String cause,
                               Instant stopDate) {
}
