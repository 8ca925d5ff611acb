package dev.persona.local.stepfunctions.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual time for tests and one-off runs: a sleep moves the clock forward at once instead of waiting, so a
 * one-hour Wait state takes no real time. Waiting for a task's outcome does block, until the task completes or
 * the clock is moved past the deadline (by another sleeping branch, or by {@link #advance} from a test).
 * Concurrent branches share the clock, so their sleeps can add up where real time would overlap them.
 */
public final class VirtualTimeSource implements TimeSource {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Instant now;

    public VirtualTimeSource(Instant start) {
        this.now = start;
    }

    /** Starts at the current system time. */
    public VirtualTimeSource() {
        this(Instant.now());
    }

    @Override
    public Instant now() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    /** Moves the clock forward by {@code duration}, waking every wait whose deadline it passes. */
    public void advance(Duration duration) {
        lock.lock();
        try {
            now = now.plus(duration);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean sleepUntil(Instant deadline, CompletableFuture<?> interrupter) {
        if (interrupter.isDone()) {
            return false;
        }
        lock.lock();
        try {
            if (deadline.isAfter(now)) {
                now = deadline;
                changed.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean await(CompletableFuture<?> signal, Instant deadline) throws InterruptedException {
        signal.whenComplete((value, failure) -> wake());
        lock.lock();
        try {
            while (!signal.isDone()) {
                if (deadline != null && !now.isBefore(deadline)) {
                    return false;
                }
                changed.await();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
