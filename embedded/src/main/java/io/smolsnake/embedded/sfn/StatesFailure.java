package io.smolsnake.embedded.sfn;

/**
 * A named error raised inside an execution ({@code States.Runtime}, a task's error, a Fail state):
 * what Retry and Catch match and what ends a failed execution.
 */
final class StatesFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String error;
    private final String cause;

    StatesFailure(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.cause = cause;
    }

    static StatesFailure runtime(String cause) {
        return new StatesFailure("States.Runtime", cause);
    }

    String error() {
        return error;
    }

    String cause() {
        return cause;
    }
}
