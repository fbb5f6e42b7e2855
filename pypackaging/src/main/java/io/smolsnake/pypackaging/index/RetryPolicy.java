package io.smolsnake.pypackaging.index;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a request is tried when the server answers 5xx or 429, or does not answer in time,
 * and how long to wait between tries (exponential backoff, capped).
 *
 * @param maxAttempts tries in all, at least 1 (1 means no retry)
 * @param initialDelay the wait before the second try
 * @param multiplier how much each further wait grows
 * @param maxDelay the longest single wait
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.isNegative() || multiplier < 1.0) {
            throw new IllegalArgumentException("delays must be non-negative and the multiplier at least 1");
        }
    }

    /** Four tries, waiting 0.5 s, 1 s and 2 s between them (at most 8 s each). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), 2.0, Duration.ofSeconds(8));
    }

    /** One try, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);
    }

    /** The wait after failed try number {@code attempt} (1-based) and before the next one. */
    public Duration delayAfter(int attempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    /** How the client waits between tries; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }
}
