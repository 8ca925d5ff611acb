package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateType;

/**
 * One entry into a state: when, with which input, under which event id, through which data flow; retries count
 * within it. A visit continued after a restart or a redrive carries the events it had recorded before.
 */
final class StateVisit {

    final Lane lane;
    final State state;
    final long enteredEventId;
    final Instant enteredTime;
    final JsonNode rawInput;
    final DataFlowProcessor flow;
    private final boolean redriven;
    private List<HistoryEvent> recorded;
    private Replay replay;
    private int retryCount;
    private String taskToken;
    private ObjectNode context;
    private ObjectNode inspection;

    StateVisit(Lane lane, State state, long enteredEventId, Instant enteredTime, JsonNode rawInput) {
        this(lane, state, enteredEventId, enteredTime, rawInput, List.of(), false, null);
    }

    /**
     * A visit that continues: {@code recorded} are the events of this visit already in the history, {@code
     * redriven} whether it continues because of a redrive (rather than a restart), {@code replay} where its
     * branches or iterations find theirs.
     */
    StateVisit(Lane lane, State state, long enteredEventId, Instant enteredTime, JsonNode rawInput,
               List<HistoryEvent> recorded, boolean redriven, Replay replay) {
        this.lane = lane;
        this.state = state;
        this.enteredEventId = enteredEventId;
        this.enteredTime = enteredTime;
        this.rawInput = rawInput;
        this.flow = DataFlowProcessor.of(state);
        this.recorded = recorded;
        this.redriven = redriven;
        this.replay = replay;
    }

    /**
     * The events this visit recorded before a restart or a redrive, while its first attempt after them runs; empty
     * for a fresh visit and for later attempts.
     */
    List<HistoryEvent> recorded() {
        return recorded;
    }

    /** Where this visit's branches or iterations find their recorded events; null when they start afresh. */
    Replay replay() {
        return replay;
    }

    /** True when the attempt running is the continuation of a recorded one. */
    boolean continues() {
        return replay != null;
    }

    boolean redriven() {
        return redriven;
    }

    /** A new attempt (a retry) starts afresh. */
    void startAttempt() {
        recorded = List.of();
        replay = null;
    }

    ExecutionRun run() {
        return lane.run();
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

    int retryCount() {
        return retryCount;
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

    /**
     * Leaves the state: checks the output's size, records the Exited event (with the assigned variables, and the
     * transition for restarts), then applies the assignments to the lane's variables.
     */
    Step exit(JsonNode output, ObjectNode assignments, String next) {
        Payloads.check(lane.run(), state, output);
        ObjectNode details = Json.object();
        details.put("name", state.name());
        details.set("output", output);
        details.set("outputDetails", HistoryEvents.notTruncated());
        if (assignments != null) {
            ObjectNode assigned = details.putObject("assignedVariables");
            assignments.properties().forEach(entry -> assigned.put(entry.getKey(), Json.write(entry.getValue())));
            details.set("assignedVariablesDetails", HistoryEvents.notTruncated());
        }
        lane.record(HistoryEvents.exited(state.type()), details, HistoryEvents.transition(next));
        if (assignments != null) {
            lane.variables().assign(assignments);
        }
        return new Step(next, output);
    }
}
