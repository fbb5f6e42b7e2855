package Inject;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Inject.FunctionNotFound}: the function to deploy does not exist.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class FunctionNotFound extends StageException {
    private static final long serialVersionUID = 1L;

    public FunctionNotFound(String subject, String message) {
        super(subject, message, null);
    }

    public FunctionNotFound(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
