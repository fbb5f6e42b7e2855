package io.smolsnake.core.stage;

/**
 * A stage failed in a way the state machine names: {@link #errorType()} is the stable error name
 * ({@code Lock.Unsatisfiable}, {@code Verify.ImportFailed}, {@code Inject.NotInVpc}, …) that Step
 * Functions {@code Retry} and {@code Catch} match.
 *
 * <p>Lambda's Java runtime reports a thrown exception's class name as the invocation's
 * {@code errorType}, so the name is the class name: each stage has a package named after it
 * ({@code Lock}, {@code Inject}, {@code Verify}) with one final subclass per error. The embedded
 * Lambda reports the same name, so a definition's Catch behaves alike on AWS and on one machine.
 */
public abstract class StageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String subject;

    /**
     * @param subject what failed (a function, a version, a bundle), or null
     * @param message what went wrong and what to do about it
     */
    protected StageException(String subject, String message, Throwable cause) {
        super(message, cause);
        this.subject = subject;
    }

    /** The stable error name: this class's name, {@code <Stage>.<Error>}. */
    public final String errorType() {
        return getClass().getName();
    }

    /** What failed: a function name or ARN, a bundle; null when nothing in particular. */
    public String subject() {
        return subject;
    }

    /** Whether trying again later may succeed (an index that did not answer) rather than not (bad input). */
    public boolean transientFailure() {
        return false;
    }
}
