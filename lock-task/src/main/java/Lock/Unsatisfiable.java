package Lock;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Lock.Unsatisfiable}: No set of versions satisfies the requirements on the target; the message explains why.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class Unsatisfiable extends StageException {
    private static final long serialVersionUID = 1L;

    public Unsatisfiable(String message, Throwable cause) {
        super(null, message, cause);
    }

}
