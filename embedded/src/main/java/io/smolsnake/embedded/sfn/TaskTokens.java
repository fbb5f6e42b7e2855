package io.smolsnake.embedded.sfn;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Task tokens: {@code <execution ARN, base64url>.<random>}, so that a token whose task has ended
 * can be told from one that was never issued (TaskTimedOut vs TaskDoesNotExist vs InvalidToken).
 */
final class TaskTokens {
    private TaskTokens() {}

    static String issue(String executionArn) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(executionArn.getBytes(StandardCharsets.UTF_8))
                + "." + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    /** The execution a token was issued for, or null if it is not one of this engine's tokens. */
    static String executionOf(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || token.length() - dot - 1 != 64) {
            return null;
        }
        try {
            String arn = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return arn.startsWith("arn:") ? arn : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

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
