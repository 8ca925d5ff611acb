package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateType;

/** One entry into a state: when, with which input, under which event id; retries count within it. */
final class StateVisit {

    final Lane lane;
    final State state;
    final long enteredEventId;
    final Instant enteredTime;
    final JsonNode rawInput;
    private int retryCount;
    private String taskToken;
    private ObjectNode context;
    private ObjectNode inspection;

    StateVisit(Lane lane, State state, long enteredEventId, Instant enteredTime, JsonNode rawInput) {
        this.lane = lane;
        this.state = state;
        this.enteredEventId = enteredEventId;
        this.enteredTime = enteredTime;
        this.rawInput = rawInput;
    }

    /** Keeps the intermediate values of the data flow (TestState's inspection data). */
    void inspect() {
        inspection = Json.object();
        inspection.set("input", rawInput);
    }

    /** Records one intermediate value when inspecting. */
    void inspected(String step, JsonNode value) {
        if (inspection != null) {
            inspection.set(step, value);
        }
    }

    /** The recorded intermediate values, or null when not inspecting. */
    ObjectNode inspection() {
        return inspection;
    }

    void retried() {
        retryCount++;
        context = null;
    }

    void taskToken(String token) {
        taskToken = token;
        context = null;
    }

    /** The context object of this visit, built on first use. */
    ObjectNode context() {
        if (context == null) {
            context = contextWith(null);
        }
        return context;
    }

    /** The context object with {@code $$.Map.Item} set, for a Map's ItemSelector. */
    ObjectNode contextWith(JsonNode mapItem) {
        boolean retries = state.type() == StateType.TASK || state.type() == StateType.MAP
                || state.type() == StateType.PARALLEL;
        return ContextObject.build(lane.run(), state.name(), enteredTime, retries ? retryCount : null, taskToken,
                mapItem);
    }

    /** A scope for expressions whose {@code $} / {@code $states.input} is {@code input}. */
    StateScope scope(JsonNode input) {
        return new StateScope(this, input, null, null, null);
    }
}
