package Verify;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Verify.SmokeFailed}: the project's smoke event failed, or its result differs from what the project expects.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class SmokeFailed extends StageException {
    private static final long serialVersionUID = 1L;

    public SmokeFailed(String subject, String message) {
        super(subject, message, null);
    }

    public SmokeFailed(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
