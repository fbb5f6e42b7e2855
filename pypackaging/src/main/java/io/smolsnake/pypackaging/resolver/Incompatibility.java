package io.smolsnake.pypackaging.resolver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of terms that cannot all be true at once, with the {@link Cause} that says why. The
 * derivation tree of an unsatisfiable resolution is a tree of these, rendered by
 * {@link Explanation}.
 */
public final class Incompatibility<P, S extends VersionSet<S, V>, V> {
    private final Map<P, Term<P, S>> terms;
    private final Cause<P, V> cause;

    Incompatibility(List<Term<P, S>> terms, Cause<P, V> cause) {
        Map<P, Term<P, S>> merged = new LinkedHashMap<>();
        for (Term<P, S> t : terms) {
            merged.merge(t.pkg(), t, Term::intersect);
        }
        this.terms = Collections.unmodifiableMap(merged);
        this.cause = cause;
    }

    /** The terms, one per package, in the order they were stated. */
    public List<Term<P, S>> terms() {
        return new ArrayList<>(terms.values());
    }

    public Term<P, S> term(P pkg) {
        return terms.get(pkg);
    }

    public Cause<P, V> cause() {
        return cause;
    }

    /** Terminal: nothing left to try ({} or {root}). */
    boolean isFailure(P root) {
        if (terms.isEmpty()) {
            return true;
        }
        if (terms.size() == 1) {
            Term<P, S> t = terms.values().iterator().next();
            return t.pkg().equals(root) && t.positive();
        }
        return false;
    }

    @Override
    public String toString() {
        return "{" + String.join(", ", terms.values().stream().map(Term::toString).toList()) + "}";
    }
}
