package io.smolsnake.pypackaging.version;

import io.smolsnake.pypackaging.ParseException;

/** A string that is not a PEP 440 version, or a specifier that is not a PEP 440 specifier. */
public class InvalidVersionException extends ParseException {
    private static final long serialVersionUID = 1L;

    public InvalidVersionException(String reason, String input, int start, int end) {
        super(reason, input, start, end);
    }

    public InvalidVersionException(String reason, String input) {
        super(reason, input);
    }
}
