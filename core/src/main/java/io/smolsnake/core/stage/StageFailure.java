package io.smolsnake.core.stage;

/**
 * A stage's failure with a stable error name that Step Functions {@code Retry}/{@code Catch} can
 * match. Lambda's Java runtime reports a thrown exception's class name as its {@code errorType},
 * so each failure is a class named {@code <Stage>.<Error>}: a package named after the stage
 * ({@code Lock}) holding one class per error ({@code Unsatisfiable}) — {@code Lock.Unsatisfiable}.
 */
public abstract class StageFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected StageFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The stable error name, e.g. {@code Lock.Unsatisfiable}. */
    public String errorName() {
        return getClass().getName();
    }

    /** Whether trying again later may succeed (an index that did not answer) or not (bad input). */
    public abstract boolean transientFailure();
}
