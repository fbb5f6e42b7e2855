package Inject;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Inject.NotInVpc}: the function is not in a VPC, so it cannot mount the EFS store.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class NotInVpc extends StageException {
    private static final long serialVersionUID = 1L;

    public NotInVpc(String subject, String message) {
        super(subject, message, null);
    }

    public NotInVpc(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
