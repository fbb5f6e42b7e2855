package Lock;

import io.smolsnake.core.stage.StageFailure;

/**
 * {@code Lock.InvalidInput}: The project's inputs cannot be locked (bad requirement, unknown runtime, missing files).
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageFailure}.)
 */
public final class InvalidInput extends StageFailure {
    private static final long serialVersionUID = 1L;

    public InvalidInput(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean transientFailure() {
        return false;
    }
}
