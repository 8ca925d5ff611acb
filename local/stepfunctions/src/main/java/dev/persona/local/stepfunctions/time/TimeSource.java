package dev.persona.local.stepfunctions.time;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Where executions get the time and how they wait. Wait states, retry backoff and timeouts all go through it,
 * so an execution can run on the system clock or on {@link VirtualTimeSource virtual time}.
 */
public interface TimeSource {

    Instant now();

    /**
     * Waits until {@code deadline}; returns false early when {@code interrupter} completes first (the execution
     * was stopped or its branch abandoned), true when the deadline was reached.
     */
    boolean sleepUntil(Instant deadline, CompletableFuture<?> interrupter) throws InterruptedException;

    /**
     * Waits for {@code signal} (a task's outcome), at most until {@code deadline} (null: no limit). Returns true
     * when the signal completed, false when the deadline passed first.
     */
    boolean await(CompletableFuture<?> signal, Instant deadline) throws InterruptedException;
}
