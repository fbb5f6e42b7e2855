package io.smolsnake.core.stage;

import java.util.Objects;

/**
 * A stage failed in a way the state machine names: {@link #errorType()} is the stable error name
 * ({@code Verify.ImportFailed}, {@code Inject.NotInVpc}, …) that Step Functions Retry and Catch
 * match. The embedded Lambda reports it as the invocation's {@code errorType}.
 */
public class StageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorType;
    private final String subject;

    /**
     * @param errorType the stable error name
     * @param subject what failed (a function, a version)
     * @param message what went wrong and what to do about it
     */
    public StageException(String errorType, String subject, String message) {
        this(errorType, subject, message, null);
    }

    public StageException(String errorType, String subject, String message, Throwable cause) {
        super(message, cause);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.subject = subject;
    }

    /** The stable error name. */
    public String errorType() {
        return errorType;
    }

    /** What failed: a function name or ARN. */
    public String subject() {
        return subject;
    }
}
