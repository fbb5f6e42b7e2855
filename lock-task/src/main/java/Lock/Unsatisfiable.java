package Lock;

import io.smolsnake.core.stage.StageFailure;

/**
 * {@code Lock.Unsatisfiable}: No set of versions satisfies the requirements on the target; the message explains why.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageFailure}.)
 */
public final class Unsatisfiable extends StageFailure {
    private static final long serialVersionUID = 1L;

    public Unsatisfiable(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean transientFailure() {
        return false;
    }
}
