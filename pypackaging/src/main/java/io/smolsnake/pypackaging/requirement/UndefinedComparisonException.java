package io.smolsnake.pypackaging.requirement;

/**
 * A comparison PEP 508 leaves undefined: {@code ~=} or {@code ===} on values that are not
 * versions, or a set-valued variable ({@code extras}) used other than as {@code "x" in extras}
 * (packaging's {@code UndefinedComparison}).
 */
public final class UndefinedComparisonException extends MarkerEvaluationException {
    private static final long serialVersionUID = 1L;

    UndefinedComparisonException(String message, String marker) {
        super(message, marker);
    }
}
