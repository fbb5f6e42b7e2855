package io.smolsnake.pypackaging.name;

import io.smolsnake.pypackaging.ParseException;

/** A string that is not a valid project (or extra) name. */
public class InvalidNameException extends ParseException {
    private static final long serialVersionUID = 1L;

    public InvalidNameException(String reason, String input) {
        super(reason, input);
    }
}
