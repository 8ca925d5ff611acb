package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of an execution's history. {@code details} holds payloads ({@code input}, {@code output},
 * {@code parameters}) as JSON values; the wire format turns them into strings.
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, HistoryEventType type,
                           ObjectNode details) {
}
