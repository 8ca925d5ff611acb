package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of an execution's history. {@code details} holds payloads ({@code input}, {@code output},
 * {@code parameters}) as JSON values; the wire format turns them into strings. {@code lane} and {@code internal}
 * never reach the wire: they say which line of control recorded the event (the top level, a Parallel branch, a
 * Map iteration) and what a restart or a redrive needs beyond AWS's details (the transition out of a state, the
 * variables a Catch assigned, a callback's task token), so that an execution can continue from its history.
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, HistoryEventType type,
                           ObjectNode details, String lane, ObjectNode internal) {
}
