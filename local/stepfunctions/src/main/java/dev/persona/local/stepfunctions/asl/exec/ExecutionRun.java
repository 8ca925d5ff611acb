package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.tasks.TaskResources;
import dev.persona.local.stepfunctions.tasks.TaskTokens;

/**
 * The runtime of one execution: its identity, history, time, deadline and stop signal, and the services its
 * tasks use. Shared by all branches of the execution.
 */
public final class ExecutionRun {

    private final ExecutionIdentity identity;
    private final ExecutionHistory history;
    private final TimeSource time;
    private final Instant deadline;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final TaskResources resources;
    private final TaskTokens tokens;
    private final ExecutorService branchThreads;
    private final ExecutionLimits limits;
    private final RandomGenerator random;
    private final ObjectNode executionContext;
    private final ObjectNode stateMachineContext;
    private volatile StopRequest stopRequest;

    /** Why and how StopExecution stopped the execution. */
    public record StopRequest(String error, String cause) {
    }

    /**
     * @param timeoutSeconds the state machine's TimeoutSeconds, or null
     * @param branchThreads  runs Parallel branches, Map iterations and task calls (virtual threads suit it)
     */
    public ExecutionRun(ExecutionIdentity identity, Long timeoutSeconds, TimeSource time, TaskResources resources,
                        TaskTokens tokens, ExecutorService branchThreads, ExecutionLimits limits,
                        RandomGenerator random) {
        this.identity = identity;
        this.history = new ExecutionHistory(limits.historyEvents());
        this.time = time;
        this.deadline = timeoutSeconds == null ? null : identity.startTime().plusSeconds(timeoutSeconds);
        this.resources = resources;
        this.tokens = tokens;
        this.branchThreads = branchThreads;
        this.limits = limits;
        this.random = random;
        this.executionContext = identity.executionContext();
        this.stateMachineContext = identity.stateMachineContext();
    }

    public ExecutionIdentity identity() {
        return identity;
    }

    public ExecutionHistory history() {
        return history;
    }

    public TimeSource time() {
        return time;
    }

    /** When the state machine's TimeoutSeconds expires, or null. */
    public Instant deadline() {
        return deadline;
    }

    /** Completes when StopExecution stops the execution. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    public void stop(String error, String cause) {
        stopRequest = new StopRequest(error, cause);
        stopped.complete(null);
    }

    public StopRequest stopRequest() {
        return stopRequest;
    }

    public TaskResources resources() {
        return resources;
    }

    public TaskTokens tokens() {
        return tokens;
    }

    public ExecutorService branchThreads() {
        return branchThreads;
    }

    public ExecutionLimits limits() {
        return limits;
    }

    public RandomGenerator random() {
        return random;
    }

    ObjectNode executionContext() {
        return executionContext;
    }

    ObjectNode stateMachineContext() {
        return stateMachineContext;
    }
}
