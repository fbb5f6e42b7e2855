package Verify;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Verify.ImportFailed}: a locked package's top-level module did not import on the new version.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class ImportFailed extends StageException {
    private static final long serialVersionUID = 1L;

    public ImportFailed(String subject, String message) {
        super(subject, message, null);
    }

    public ImportFailed(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
