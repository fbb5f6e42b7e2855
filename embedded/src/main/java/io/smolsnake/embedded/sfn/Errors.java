package io.smolsnake.embedded.sfn;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Error-name matching and retry delays. */
final class Errors {
    private Errors() {}

    /**
     * Does an ErrorEquals list match {@code error}? {@code States.ALL} matches everything but
     * {@code States.Runtime} and {@code States.DataLimitExceeded}, which only match by name;
     * {@code States.TaskFailed} matches everything but {@code States.Timeout} and those two.
     */
    static boolean matches(List<String> errorEquals, String error) {
        for (String name : errorEquals) {
            if (name.equals(error)) {
                return true;
            }
            boolean terminal = "States.Runtime".equals(error);
            if (name.equals("States.ALL") && !terminal) {
                return true;
            }
            if (name.equals("States.TaskFailed") && !terminal && !"States.Timeout".equals(error)
                    && !"States.DataLimitExceeded".equals(error)) {
                return true;
            }
        }
        return false;
    }

    static int matchingRetrier(List<State.Retrier> retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (matches(retriers.get(i).errorEquals(), error)) {
                return i;
            }
        }
        return -1;
    }

    /** The wait before retry number {@code attempt + 1}: IntervalSeconds × BackoffRate^attempt, capped, jittered. */
    static Duration delay(State.Retrier retrier, int attempt) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempt);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        if (retrier.fullJitter()) {
            seconds = ThreadLocalRandom.current().nextDouble() * seconds;
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }
}
