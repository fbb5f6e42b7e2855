package io.smolsnake.install;

import io.smolsnake.core.store.StoreException;

/**
 * Why a package was not installed or an environment not assembled: the root of every failure in
 * this package. It carries the stable {@link InstallError}, the subject (the wheel's file name or
 * the lock digest) and a message a person can act on, which becomes {@code SendTaskFailure}'s
 * {@code cause}.
 */
public class InstallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final InstallError error;
    private final String subject;

    InstallException(InstallError error, String subject, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
        this.subject = subject;
    }

    /** A store failure under its error name, with the store's message (every problem listed). */
    static InstallException of(StoreException e) {
        return new InstallException(InstallError.of(e.kind()), e.subject(), e.getMessage(), e);
    }

    /** The stable error name. */
    public InstallError error() {
        return error;
    }

    /** The wheel's file name, or the environment's lock digest. */
    public String subject() {
        return subject;
    }
}
