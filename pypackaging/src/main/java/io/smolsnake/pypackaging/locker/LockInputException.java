package io.smolsnake.pypackaging.locker;

/** Inputs that cannot be locked for the target, with what to change. */
public final class LockInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public LockInputException(String message) {
        super(message);
    }
}
