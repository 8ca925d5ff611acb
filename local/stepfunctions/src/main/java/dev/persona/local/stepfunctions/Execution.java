package dev.persona.local.stepfunctions;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.exec.ExecutionHistory;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionRun;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;

/**
 * An execution the service started: what it was started with (the revision, and the version and alias it came
 * through), its history, and its current attempt (the original run or the latest redrive) with how that ended.
 */
public final class Execution {

    private final String arn;
    private final String name;
    private final StateMachineRecord stateMachine;
    private final String versionArn;
    private final String aliasArn;
    private final String inputText;
    private final JsonNode input;
    private final Instant startDate;
    private final ExecutionHistory history;
    private volatile Attempt attempt;

    /** One attempt: its run and the outcome it completes with. */
    record Attempt(ExecutionRun run, CompletableFuture<ExecutionOutcome> completion) {
    }

    Execution(String arn, String name, StateMachineRecord stateMachine, String versionArn, String aliasArn,
              String inputText, JsonNode input, Instant startDate, ExecutionHistory history) {
        this.arn = arn;
        this.name = name;
        this.stateMachine = stateMachine;
        this.versionArn = versionArn;
        this.aliasArn = aliasArn;
        this.inputText = inputText;
        this.input = input;
        this.startDate = startDate;
        this.history = history;
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    /** The revision the execution runs (its state machine's ARN is the unqualified one). */
    public StateMachineRecord stateMachine() {
        return stateMachine;
    }

    /** The version the execution was started with (directly or through an alias), or null. */
    public String versionArn() {
        return versionArn;
    }

    /** The alias the execution was started through, or null. */
    public String aliasArn() {
        return aliasArn;
    }

    /** The input exactly as given to StartExecution. */
    public String inputText() {
        return inputText;
    }

    public JsonNode input() {
        return input;
    }

    public Instant startDate() {
        return startDate;
    }

    public ExecutionHistory history() {
        return history;
    }

    void attempt(Attempt next) {
        attempt = next;
    }

    /** The current attempt's run. */
    public ExecutionRun run() {
        return attempt.run();
    }

    /** Completes with the outcome when the current attempt ends. */
    public CompletableFuture<ExecutionOutcome> completion() {
        return attempt.completion();
    }

    public ExecutionStatus status() {
        ExecutionOutcome outcome = outcome();
        return outcome == null ? ExecutionStatus.RUNNING : outcome.status();
    }

    /** The current attempt's outcome, or null while it runs. */
    public ExecutionOutcome outcome() {
        return attempt.completion().getNow(null);
    }

    /** How many times the execution was redriven. */
    public int redriveCount() {
        return attempt.run().identity().redriveCount();
    }

    /** When it was last redriven, or null. */
    public Instant redriveDate() {
        return attempt.run().identity().redriveTime();
    }
}
