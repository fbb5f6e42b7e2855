package Verify;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Verify.VersionNotFound}: the version to verify does not exist.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class VersionNotFound extends StageException {
    private static final long serialVersionUID = 1L;

    public VersionNotFound(String subject, String message) {
        super(subject, message, null);
    }

    public VersionNotFound(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
