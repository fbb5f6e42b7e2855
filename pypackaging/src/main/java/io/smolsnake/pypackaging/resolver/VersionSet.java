package io.smolsnake.pypackaging.resolver;

/**
 * The set algebra the solver needs over one package's versions (pubgrub's {@code VersionSet}):
 * a set of versions closed under union, intersection and complement.
 *
 * @param <S> the set type itself
 * @param <V> the version type
 */
public interface VersionSet<S extends VersionSet<S, V>, V> {
    /** Every version not in this set. */
    S complement();

    S intersection(S other);

    S union(S other);

    boolean isEmpty();

    boolean contains(V version);

    /** Whether every version in this set is also in {@code other}. */
    default boolean subsetOf(S other) {
        return intersection(other.complement()).isEmpty();
    }

    /** Whether no version is in both sets. */
    default boolean isDisjoint(S other) {
        return intersection(other).isEmpty();
    }
}
