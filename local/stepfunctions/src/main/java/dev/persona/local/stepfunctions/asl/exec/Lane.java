package dev.persona.local.stepfunctions.asl.exec;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of control in an execution: the top level, a Parallel branch or a Map iteration. It has its own
 * variables, chains its events through previousEventId, and is abandoned when the execution stops or a
 * sibling fails. The child executions of a distributed Map get a history of their own, as on AWS.
 */
final class Lane {

    private final ExecutionRun run;
    private final ExecutionHistory history;
    private final VariableScope variables;
    private final CompletableFuture<Void> abandoned;
    private long lastEventId;

    private Lane(ExecutionRun run, ExecutionHistory history, VariableScope variables,
                 CompletableFuture<Void> abandoned, long lastEventId) {
        this.run = run;
        this.history = history;
        this.variables = variables;
        this.abandoned = abandoned;
        this.lastEventId = lastEventId;
    }

    static Lane top(ExecutionRun run, VariableScope variables, long lastEventId) {
        return new Lane(run, run.history(), variables, run.stopped(), lastEventId);
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
    Lane child(VariableScope childVariables, CompletableFuture<Void> siblingsAbandoned) {
        return new Lane(run, history, childVariables, siblingsAbandoned, lastEventId);
    }

    /** A lane for a child execution of a distributed Map, recording into {@code childHistory}. */
    Lane childExecution(ExecutionHistory childHistory, long lastChildEventId,
                        CompletableFuture<Void> siblingsAbandoned) {
        return new Lane(run, childHistory, VariableScope.root(), siblingsAbandoned, lastChildEventId);
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

    /** Records an event after this lane's previous one; returns its id. */
    long record(HistoryEventType type, ObjectNode details) {
        HistoryEvent event = history.append(type, lastEventId, run.time().now(), details);
        lastEventId = event.id();
        return event.id();
    }
}
