package Verify;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Verify.BadRequest}: the Verify request is malformed.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class BadRequest extends StageException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String subject, String message) {
        super(subject, message, null);
    }

    public BadRequest(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
