package Inject;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Inject.BundleMissing}: the project bundle is not in S3.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class BundleMissing extends StageException {
    private static final long serialVersionUID = 1L;

    public BundleMissing(String subject, String message) {
        super(subject, message, null);
    }

    public BundleMissing(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
