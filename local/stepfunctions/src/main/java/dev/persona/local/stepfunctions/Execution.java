package dev.persona.local.stepfunctions;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionRun;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;

/** An execution the service started: what it was started with, and how it ended once it has. */
public final class Execution {

    private final String arn;
    private final String name;
    private final StateMachineRecord stateMachine;
    private final String inputText;
    private final JsonNode input;
    private final Instant startDate;
    private final ExecutionRun run;
    private final CompletableFuture<ExecutionOutcome> completion = new CompletableFuture<>();

    Execution(String arn, String name, StateMachineRecord stateMachine, String inputText, JsonNode input,
              Instant startDate, ExecutionRun run) {
        this.arn = arn;
        this.name = name;
        this.stateMachine = stateMachine;
        this.inputText = inputText;
        this.input = input;
        this.startDate = startDate;
        this.run = run;
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    public StateMachineRecord stateMachine() {
        return stateMachine;
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

    public ExecutionRun run() {
        return run;
    }

    /** Completes with the outcome when the execution ends. */
    public CompletableFuture<ExecutionOutcome> completion() {
        return completion;
    }

    public ExecutionStatus status() {
        ExecutionOutcome outcome = completion.getNow(null);
        return outcome == null ? ExecutionStatus.RUNNING : outcome.status();
    }

    /** The outcome, or null while the execution runs. */
    public ExecutionOutcome outcome() {
        return completion.getNow(null);
    }
}
