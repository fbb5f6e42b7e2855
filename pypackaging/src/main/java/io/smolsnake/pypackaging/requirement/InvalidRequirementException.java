package io.smolsnake.pypackaging.requirement;

import io.smolsnake.pypackaging.ParseException;

/**
 * A string that is not a PEP 508 dependency specifier. The root of this package's parse errors;
 * the message is pypa/packaging's, with the input and a caret line under the problem.
 */
public class InvalidRequirementException extends ParseException {
    private static final long serialVersionUID = 1L;

    /**
     * @param start first column of the problem
     * @param end one past the last column of the problem (the caret goes under {@code end - 1})
     */
    public InvalidRequirementException(String reason, String input, int start, int end) {
        super(reason, input, start, end);
    }

    public InvalidRequirementException(String reason, String input) {
        super(reason, input);
    }
}
