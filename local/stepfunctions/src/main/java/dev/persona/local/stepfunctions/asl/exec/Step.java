package dev.persona.local.stepfunctions.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The transition out of a state: the next state (null: its state machine ends) and the state's output. After a
 * Catch, {@code caughtAssignments} are the catcher's Assign values, which the executor applies and records with
 * the next state's entry (there is no Exited event for a caught failure).
 */
record Step(String next, JsonNode output, ObjectNode caughtAssignments) {

    Step(String next, JsonNode output) {
        this(next, output, null);
    }
}
