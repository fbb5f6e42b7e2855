package io.smolsnake.pypackaging.requirement;

/** A marker that parsed but cannot be evaluated against the given environment. */
public abstract sealed class MarkerEvaluationException extends RuntimeException
        permits UndefinedComparisonException, UndefinedEnvironmentNameException {
    private static final long serialVersionUID = 1L;

    private final String marker;

    MarkerEvaluationException(String message, String marker) {
        super(message + " (in marker '" + marker + "')");
        this.marker = marker;
    }

    /** The marker being evaluated, normalised. */
    public String marker() {
        return marker;
    }
}
