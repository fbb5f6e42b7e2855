package io.smolsnake.embedded.sfn.store;

import io.smolsnake.embedded.sfn.SfnException;

/** The store cannot be opened or holds something unreadable; the message names the file or record. */
public final class StoreException extends SfnException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
