package io.smolsnake.pypackaging.resolver;

import java.util.Map;

/** The outcome of a resolution: a version for every selected package, or the reason none exists. */
public sealed interface Resolution<P, S extends VersionSet<S, V>, V> {
    /** Every selected package (the root included) with its version, in decision order. */
    record Solved<P, S extends VersionSet<S, V>, V>(Map<P, V> versions) implements Resolution<P, S, V> {}

    /** No solution: {@code incompatibility} is the root of the derivation tree that proves it. */
    record Unsolvable<P, S extends VersionSet<S, V>, V>(Incompatibility<P, S, V> incompatibility, P root)
            implements Resolution<P, S, V> {
        /** The derivation tree as sentences a person can follow. */
        public String explain() {
            return Explanation.render(incompatibility, root);
        }
    }
}
