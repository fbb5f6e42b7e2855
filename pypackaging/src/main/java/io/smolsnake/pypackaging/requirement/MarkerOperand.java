package io.smolsnake.pypackaging.requirement;

/** One side of a marker comparison: an environment variable or a quoted literal. */
public sealed interface MarkerOperand permits MarkerVariable, MarkerOperand.Literal {

    /** A quoted string, holding its decoded value. */
    record Literal(String value) implements MarkerOperand {
        public Literal {
            if (value == null) {
                throw new IllegalArgumentException("a marker literal needs a value");
            }
            if (value.indexOf('"') >= 0 && value.indexOf('\'') >= 0) {
                throw new IllegalArgumentException(
                        "a marker literal cannot hold both quote characters: " + value);
            }
        }

        /** Quoted with {@code "}, or with {@code '} when the value holds a {@code "}. */
        @Override
        public String toString() {
            return value.indexOf('"') < 0 ? '"' + value + '"' : "'" + value + "'";
        }

        // written out: a record's generated equals is linked through invokedynamic on first use,
        // which costs a short lock milliseconds (every requirement with a marker compares literals)
        @Override
        public boolean equals(Object o) {
            return o instanceof Literal l && l.value.equals(value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }
}
