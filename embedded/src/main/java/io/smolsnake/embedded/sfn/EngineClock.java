package io.smolsnake.embedded.sfn;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine's only source of time. Waits, retry intervals, heartbeats and timeouts all go through
 * {@link #await}, so a {@link VirtualClock} runs them in no time in tests.
 */
public interface EngineClock {
    Instant now();

    /**
     * Waits until {@code signal} completes or {@code timeout} has passed on this clock.
     *
     * @param timeout how long to wait; null waits for the signal alone
     * @return true if the signal completed, false if the time ran out
     */
    boolean await(CompletableFuture<?> signal, Duration timeout) throws InterruptedException;

    /** Wall-clock time; waits block the calling thread. */
    static EngineClock system() {
        return SystemClock.INSTANCE;
    }

    /** The system clock. */
    enum SystemClock implements EngineClock {
        INSTANCE;

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public boolean await(CompletableFuture<?> signal, Duration timeout) throws InterruptedException {
            try {
                if (timeout == null) {
                    signal.get();
                } else {
                    long nanos = Math.max(0, timeout.toNanos());
                    signal.get(nanos, TimeUnit.NANOSECONDS);
                }
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                return true;
            }
        }
    }
}
