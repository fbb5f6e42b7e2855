package io.smolsnake.pypackaging.tags;

import io.smolsnake.pypackaging.ParseException;

/** A wheel tag (or compressed tag set) that is not {@code interpreter-abi-platform}. */
public class InvalidTagException extends ParseException {
    private static final long serialVersionUID = 1L;

    public InvalidTagException(String reason, String input, int start, int end) {
        super(reason, input, start, end);
    }
}
