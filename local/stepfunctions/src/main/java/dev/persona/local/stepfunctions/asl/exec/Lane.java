package dev.persona.local.stepfunctions.asl.exec;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of control in an execution: the top level, a Parallel branch or a Map iteration. It has its own
 * variables, chains its events through previousEventId, and is abandoned when the execution stops or a sibling
 * fails. Its id ({@code ""} at the top, {@code <parent>/<entered event id>.<index>} for a branch or an iteration)
 * is kept with every event it records, so that a restart or a redrive finds where each lane stopped. The child
 * executions of a distributed Map get a history of their own, as on AWS.
 */
final class Lane {

    static final String TOP = "";

    private final String id;
    private final ExecutionRun run;
    private final ExecutionHistory history;
    private final VariableScope variables;
    private final CompletableFuture<Void> abandoned;
    private long lastEventId;

    private Lane(String id, ExecutionRun run, ExecutionHistory history, VariableScope variables,
                 CompletableFuture<Void> abandoned, long lastEventId) {
        this.id = id;
        this.run = run;
        this.history = history;
        this.variables = variables;
        this.abandoned = abandoned;
        this.lastEventId = lastEventId;
    }

    static Lane top(ExecutionRun run, VariableScope variables, long lastEventId) {
        return new Lane(TOP, run, run.history(), variables, run.stopped(), lastEventId);
    }

    /** The id of the child lane number {@code index} of the state entered at {@code enteredEventId}. */
    String childId(long enteredEventId, int index) {
        return id + "/" + enteredEventId + "." + index;
    }

    /**
     * The signal that abandons this lane's branches or iterations: it completes when this lane is abandoned, and
     * a failing sibling completes it for the others.
     */
    CompletableFuture<Void> branchesAbandoned() {
        CompletableFuture<Void> signal = new CompletableFuture<>();
        abandoned.whenComplete((value, failure) -> signal.complete(null));
        return signal;
    }

    /** A lane for a branch or inline iteration, abandoned through {@code siblingsAbandoned}. */
    Lane child(String childId, VariableScope childVariables, CompletableFuture<Void> siblingsAbandoned,
               long lastChildEventId) {
        return new Lane(childId, run, history, childVariables, siblingsAbandoned, lastChildEventId);
    }

    /**
     * This top-level lane of a distributed Map's child execution, abandoned when {@code signal} completes (its
     * siblings failed beyond tolerance, or the parent execution stopped) as well as when the child is stopped.
     */
    Lane abandonedBy(CompletableFuture<Void> signal) {
        CompletableFuture<Void> either = new CompletableFuture<>();
        signal.whenComplete((value, failure) -> either.complete(null));
        abandoned.whenComplete((value, failure) -> either.complete(null));
        return new Lane(id, run, history, variables, either, lastEventId);
    }

    String id() {
        return id;
    }

    boolean isTop() {
        return id.equals(TOP);
    }

    ExecutionRun run() {
        return run;
    }

    VariableScope variables() {
        return variables;
    }

    CompletableFuture<Void> abandoned() {
        return abandoned;
    }

    long lastEventId() {
        return lastEventId;
    }

    /** Chains this lane's next event after {@code eventId}, the last one it recorded before a restart. */
    void continueAfter(long eventId) {
        lastEventId = eventId;
    }

    /** Records an event after this lane's previous one; returns its id. */
    long record(HistoryEventType type, ObjectNode details) {
        return record(type, details, null);
    }

    /** Records an event with data kept for restarts and redrives; returns its id. */
    long record(HistoryEventType type, ObjectNode details, ObjectNode internal) {
        HistoryEvent event = history.append(type, lastEventId, run.time().now(), details, id, internal);
        lastEventId = event.id();
        return event.id();
    }
}
