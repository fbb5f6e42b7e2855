package io.smolsnake.pypackaging.metadata;

import io.smolsnake.pypackaging.ParseException;

/**
 * A {@code METADATA}/{@code PKG-INFO} document that cannot be read: a required field missing, or a
 * field whose value is malformed. It names the field and the line; {@link #input()} is the field's
 * value (the caret points into it when the value's own parser said where), or the whole document
 * when no single field is at fault.
 */
public class InvalidMetadataException extends ParseException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int line;

    InvalidMetadataException(String reason, String field, int line, String input, int start, int end) {
        super(reason, input, start, end);
        this.field = field;
        this.line = line;
    }

    /** The field at fault ({@code Requires-Dist}), or {@code null} for the document as a whole. */
    public String field() {
        return field;
    }

    /** The 1-based line where the field starts, or 0 when the field is missing. */
    public int line() {
        return line;
    }

    /** Without an offending value (a missing field), the reason alone; otherwise with the caret line. */
    @Override
    public String getMessage() {
        return line == 0 ? reason() : super.getMessage();
    }
}
