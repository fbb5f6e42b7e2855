package Lock;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Lock.InvalidInput}: The project's inputs cannot be locked (bad requirement, unknown runtime, missing files).
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class InvalidInput extends StageException {
    private static final long serialVersionUID = 1L;

    public InvalidInput(String message, Throwable cause) {
        super(null, message, cause);
    }

}
