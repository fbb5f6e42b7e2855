package Inject;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Inject.WrapperTaken}: the function already uses AWS_LAMBDA_EXEC_WRAPPER for another wrapper.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class WrapperTaken extends StageException {
    private static final long serialVersionUID = 1L;

    public WrapperTaken(String subject, String message) {
        super(subject, message, null);
    }

    public WrapperTaken(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
