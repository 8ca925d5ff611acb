package dev.persona.local.stepfunctions.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The system clock: waits really wait. For the long-running local stack. */
public final class SystemTimeSource implements TimeSource {

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public boolean sleepUntil(Instant deadline, CompletableFuture<?> interrupter) throws InterruptedException {
        return !await(interrupter, deadline);
    }

    @Override
    public boolean await(CompletableFuture<?> signal, Instant deadline) throws InterruptedException {
        try {
            if (deadline == null) {
                signal.get();
                return true;
            }
            long nanos = Duration.between(Instant.now(), deadline).toNanos();
            if (nanos <= 0) {
                return signal.isDone();
            }
            signal.get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException | CancellationException e) {
            return true;
        }
    }
}
