package dev.persona.local.events;

import java.time.Duration;
import java.util.Objects;

import dev.persona.contracts.UploadEvents;

/**
 * How often and how long a failed delivery is retried, as an EventBridge target's retry policy says,
 * with exponential backoff between attempts (doubling from {@code initialBackoff} up to
 * {@code maxBackoff}, each wait drawn between half and all of it so retries spread out).
 *
 * @param maxRetryAttempts retries after the first attempt before the event is dead-lettered
 * @param maxEventAge      how long after its creation an event may still be retried
 * @param initialBackoff   the wait before the first retry
 * @param maxBackoff       the longest wait between two attempts
 */
public record RetryPolicy(int maxRetryAttempts, Duration maxEventAge, Duration initialBackoff, Duration maxBackoff) {

    /** The deployed rule's retries ({@link UploadEvents}), one second apart at first, a minute at most. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(UploadEvents.RETRY_ATTEMPTS,
            Duration.ofSeconds(UploadEvents.MAX_EVENT_AGE_SECONDS), Duration.ofSeconds(1), Duration.ofMinutes(1));

    public RetryPolicy {
        Objects.requireNonNull(maxEventAge, "maxEventAge");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetryAttempts < 0 || !maxEventAge.isPositive() || !initialBackoff.isPositive()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retries must not be negative, durations must be positive and "
                    + "the longest backoff at least the first");
        }
    }

    /** The wait after the {@code failedAttempts}-th failed attempt, before jitter. */
    Duration backoff(int failedAttempts) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempts && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
