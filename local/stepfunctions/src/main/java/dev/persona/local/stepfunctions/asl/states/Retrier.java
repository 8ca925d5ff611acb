package dev.persona.local.stepfunctions.asl.states;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/** One {@code Retry} entry. */
public record Retrier(
        List<String> errorEquals,
        int intervalSeconds,
        int maxAttempts,
        double backoffRate,
        Integer maxDelaySeconds,
        JitterStrategy jitterStrategy) {

    public static final int DEFAULT_INTERVAL_SECONDS = 1;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final double DEFAULT_BACKOFF_RATE = 2.0;

    public enum JitterStrategy {
        FULL, NONE
    }

    public boolean matches(String error) {
        return ErrorMatching.matches(errorEquals, error);
    }

    /**
     * The delay before retry number {@code retry} (0 for the first): IntervalSeconds times BackoffRate to the
     * power of {@code retry}, capped at MaxDelaySeconds, and with FULL jitter a random share of it.
     */
    public Duration delayBefore(int retry, RandomGenerator random) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retry);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        if (jitterStrategy == JitterStrategy.FULL) {
            seconds = random.nextDouble() * seconds;
        }
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    }
}
