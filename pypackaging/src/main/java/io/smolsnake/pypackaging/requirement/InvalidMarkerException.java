package io.smolsnake.pypackaging.requirement;

/** A string that is not a PEP 508 environment marker. */
public class InvalidMarkerException extends InvalidRequirementException {
    private static final long serialVersionUID = 1L;

    public InvalidMarkerException(String reason, String input, int start, int end) {
        super(reason, input, start, end);
    }
}
