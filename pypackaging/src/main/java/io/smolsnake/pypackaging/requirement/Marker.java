package io.smolsnake.pypackaging.requirement;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A PEP 508 environment marker such as {@code python_version >= "3.9" and sys_platform == "linux"}.
 *
 * <p>The tree keeps the grouping that was written, as pypa/packaging does: {@code a and (b and c)}
 * and {@code a and b and c} evaluate alike but are different markers, and {@link #toString()}
 * prints each the way packaging does (double quotes, single spaces, redundant outer parentheses
 * dropped, extra names PEP 685 normalised). Two markers are equal when their normalised strings
 * are.
 */
public sealed interface Marker permits Marker.Comparison, Marker.And, Marker.Or, Marker.Group {

    /**
     * Parses a marker.
     *
     * @throws InvalidMarkerException with packaging's message and a caret under the problem
     */
    static Marker parse(String marker) {
        return RequirementParser.parseMarker(marker);
    }

    /** Evaluates this marker for core metadata ({@link MarkerContext#METADATA}). */
    default boolean evaluate(MarkerEnvironment environment) {
        return evaluate(environment, MarkerContext.METADATA);
    }

    /**
     * Evaluates this marker against an explicit environment.
     *
     * @throws UndefinedEnvironmentNameException when the marker reads a variable the environment
     *     (with the context's defaults) does not define
     * @throws UndefinedComparisonException for a comparison PEP 508 leaves undefined
     */
    default boolean evaluate(MarkerEnvironment environment, MarkerContext context) {
        return new MarkerEvaluator(environment, context, this).evaluate(this);
    }

    /** {@code this and other}, parenthesising either side where it is itself compound. */
    default Marker and(Marker other) {
        return new And(List.of(Group.around(this), Group.around(other)));
    }

    /** {@code this or other}, parenthesising either side where it is itself compound. */
    default Marker or(Marker other) {
        return new Or(List.of(Group.around(this), Group.around(other)));
    }

    /** {@code left op right}, e.g. {@code python_version >= "3.9"}. */
    record Comparison(MarkerOperand left, MarkerOperator operator, MarkerOperand right) implements Marker {
        public Comparison {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return left + " " + operator + " " + right;
        }
    }

    /** Two or more comparisons or groups joined by {@code and}. */
    record And(List<Marker> operands) implements Marker {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2 || operands.stream().anyMatch(m -> m instanceof And || m instanceof Or)) {
                throw new IllegalArgumentException("'and' joins two or more comparisons or groups: " + operands);
            }
        }

        @Override
        public String toString() {
            return operands.stream().map(Marker::toString).collect(Collectors.joining(" and "));
        }
    }

    /** Two or more comparisons, groups or {@code and} chains joined by {@code or}. */
    record Or(List<Marker> operands) implements Marker {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2 || operands.stream().anyMatch(m -> m instanceof Or)) {
                throw new IllegalArgumentException("'or' joins two or more comparisons, groups or 'and' chains: "
                        + operands);
            }
        }

        @Override
        public String toString() {
            return operands.stream().map(Marker::toString).collect(Collectors.joining(" or "));
        }
    }

    /** A parenthesised {@code and} or {@code or} expression. */
    record Group(Marker inner) implements Marker {
        public Group {
            if (!(inner instanceof And) && !(inner instanceof Or)) {
                throw new IllegalArgumentException("only 'and'/'or' expressions are parenthesised: " + inner);
            }
        }

        static Marker around(Marker m) {
            return m instanceof And || m instanceof Or ? new Group(m) : m;
        }

        @Override
        public String toString() {
            return "(" + inner + ")";
        }
    }
}
