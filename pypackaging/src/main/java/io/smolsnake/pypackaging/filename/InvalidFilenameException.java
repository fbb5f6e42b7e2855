package io.smolsnake.pypackaging.filename;

import io.smolsnake.pypackaging.ParseException;

/**
 * A wheel or source distribution filename that does not follow its specification:
 * {@code The wheel filename "foo.rs" is invalid: must end with .whl}.
 */
public class InvalidFilenameException extends ParseException {
    private static final long serialVersionUID = 1L;

    public InvalidFilenameException(String reason, String input, int start, int end) {
        super(reason, input, start, end);
    }
}
