package io.smolsnake.embedded.sfn;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** The waiting side of a task token. */
final class TaskTokens {
    private TaskTokens() {}

    /** A task waiting for SendTaskSuccess/Failure, with its heartbeats. */
    static final class Pending {
        final CompletableFuture<TaskResult> result = new CompletableFuture<>();
        private volatile CompletableFuture<Void> beat = new CompletableFuture<>();
        private volatile Instant lastHeartbeat;

        Pending(Instant start) {
            this.lastHeartbeat = start;
        }

        void complete(TaskResult outcome) {
            result.complete(outcome);
        }

        synchronized void heartbeat(Instant at) {
            lastHeartbeat = at;
            CompletableFuture<Void> previous = beat;
            beat = new CompletableFuture<>();
            previous.complete(null);
        }

        Instant lastHeartbeat() {
            return lastHeartbeat;
        }

        CompletableFuture<Void> nextBeat() {
            return beat;
        }
    }
}
