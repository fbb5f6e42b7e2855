package Inject;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Inject.BadBundle}: the project bundle is not a readable zip, or holds entries outside the project.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class BadBundle extends StageException {
    private static final long serialVersionUID = 1L;

    public BadBundle(String subject, String message) {
        super(subject, message, null);
    }

    public BadBundle(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
