package io.smolsnake.pypackaging.tags;

import io.smolsnake.pypackaging.ParseException;

/** A runtime or architecture name that is not one of the known targets; the message lists the valid ones. */
public class UnknownTargetException extends ParseException {
    private static final long serialVersionUID = 1L;

    public UnknownTargetException(String reason, String input) {
        super(reason, input);
    }
}
