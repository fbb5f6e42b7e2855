package Lock;

import io.smolsnake.core.stage.StageException;

/**
 * {@code Lock.IndexUnavailable}: The package index could not be read; trying again later may succeed.
 * (The package is named after the stage so that Lambda reports this class's name, the stable
 * error name Step Functions matches; see {@link StageException}.)
 */
public final class IndexUnavailable extends StageException {
    private static final long serialVersionUID = 1L;

    public IndexUnavailable(String message, Throwable cause) {
        super(null, message, cause);
    }

    @Override
    public boolean transientFailure() {
        return true;
    }
}
