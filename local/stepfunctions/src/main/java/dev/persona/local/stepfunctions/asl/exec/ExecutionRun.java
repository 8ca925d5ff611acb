package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.tasks.TaskResources;
import dev.persona.local.stepfunctions.tasks.TaskTokens;
import dev.persona.local.stepfunctions.time.TimeSource;

/**
 * One attempt of an execution (its original run or a redrive): its identity, the history it continues, its
 * deadline and stop signal, and the services its states use. Shared by all branches of the attempt.
 */
public final class ExecutionRun {

    private final ExecutionIdentity identity;
    private final ExecutionHistory history;
    private final ExecutionServices services;
    private final Instant deadline;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final ObjectNode executionContext;
    private final ObjectNode stateMachineContext;
    private volatile StopRequest stopRequest;
    private volatile boolean abandoned;

    /** Why and how StopExecution stopped the execution. */
    public record StopRequest(String error, String cause) {
    }

    /**
     * @param timeoutSeconds the state machine's TimeoutSeconds, or null; it counts from the start, or from the
     *                       redrive for a redriven attempt (AWS resets the timeout on redrive)
     */
    public ExecutionRun(ExecutionIdentity identity, ExecutionHistory history, Long timeoutSeconds,
                        ExecutionServices services) {
        this.identity = identity;
        this.history = history;
        this.services = services;
        Instant counted = identity.redriveTime() != null ? identity.redriveTime() : identity.startTime();
        this.deadline = timeoutSeconds == null ? null : counted.plusSeconds(timeoutSeconds);
        this.executionContext = identity.executionContext();
        this.stateMachineContext = identity.stateMachineContext();
    }

    public ExecutionIdentity identity() {
        return identity;
    }

    public ExecutionHistory history() {
        return history;
    }

    public ExecutionServices services() {
        return services;
    }

    public TimeSource time() {
        return services.time();
    }

    /** When the state machine's TimeoutSeconds expires, or null. */
    public Instant deadline() {
        return deadline;
    }

    /** Completes when StopExecution stops the execution (or the service closes). */
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

    /**
     * Stops the attempt because the service shuts down: its lanes end as for a stop, but nothing is recorded, so
     * that a service reading the same data directory continues the execution.
     */
    public void abandon() {
        abandoned = true;
        stopped.complete(null);
    }

    /** True once {@link #abandon()} was called. */
    public boolean abandoned() {
        return abandoned;
    }

    public TaskResources resources() {
        return services.resources();
    }

    public TaskTokens tokens() {
        return services.tokens();
    }

    public ExecutorService branchThreads() {
        return services.branchThreads();
    }

    public ExecutionLimits limits() {
        return services.limits();
    }

    public RandomGenerator random() {
        return services.random();
    }

    ObjectNode executionContext() {
        return executionContext;
    }

    ObjectNode stateMachineContext() {
        return stateMachineContext;
    }
}
