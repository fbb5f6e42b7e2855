package io.smolsnake.embedded.sfn;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that jumps: a wait whose signal has not completed moves time forward by the whole
 * timeout at once. Meant for tests and replays with synchronous task invokers, where nothing else
 * could complete the signal while the engine waits.
 */
public final class VirtualClock implements EngineClock {
    private final AtomicReference<Instant> now;

    public VirtualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant now() {
        return now.get();
    }

    /** Moves time forward. */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public boolean await(CompletableFuture<?> signal, Duration timeout) throws InterruptedException {
        if (signal.isDone()) {
            return true;
        }
        if (timeout == null) {
            try {
                signal.get();
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                return true;
            }
            return true;
        }
        if (!timeout.isNegative()) {
            advance(timeout);
        }
        return false;
    }
}
