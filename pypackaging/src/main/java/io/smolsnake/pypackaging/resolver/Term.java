package io.smolsnake.pypackaging.resolver;

import java.util.Objects;

/**
 * A statement about one package: positive {@code p ∈ S} (p is selected at a version in S) or
 * negative {@code ¬(p ∈ S)} (p is not selected at a version in S; it may not be selected at all).
 */
public record Term<P, S extends VersionSet<S, ?>>(P pkg, S set, boolean positive) {
    public Term {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(set, "set");
    }

    public static <P, S extends VersionSet<S, ?>> Term<P, S> positive(P pkg, S set) {
        return new Term<>(pkg, set, true);
    }

    public static <P, S extends VersionSet<S, ?>> Term<P, S> negative(P pkg, S set) {
        return new Term<>(pkg, set, false);
    }

    public Term<P, S> negate() {
        return new Term<>(pkg, set, !positive);
    }

    /** The term both this and {@code other} state (same package). */
    Term<P, S> intersect(Term<P, S> other) {
        if (positive && other.positive) {
            return positive(pkg, set.intersection(other.set));
        }
        if (positive) {
            return positive(pkg, set.intersection(other.set.complement()));
        }
        if (other.positive) {
            return positive(pkg, other.set.intersection(set.complement()));
        }
        return negative(pkg, set.union(other.set));
    }

    /** Whether every state allowed by this term is allowed by {@code other}. */
    boolean satisfies(Term<P, S> other) {
        if (positive && other.positive) {
            return set.subsetOf(other.set);
        }
        if (positive) {
            return set.isDisjoint(other.set);
        }
        if (other.positive) {
            return false; // "not selected" is allowed by this term only
        }
        return other.set.subsetOf(set);
    }

    /** Whether no state allowed by this term is allowed by {@code other}. */
    boolean contradicts(Term<P, S> other) {
        if (positive && other.positive) {
            return set.isDisjoint(other.set);
        }
        if (positive) {
            return set.subsetOf(other.set);
        }
        if (other.positive) {
            return other.set.subsetOf(set);
        }
        return false; // both allow "not selected"
    }

    @Override
    public String toString() {
        return (positive ? "" : "not ") + pkg + " " + set;
    }
}
