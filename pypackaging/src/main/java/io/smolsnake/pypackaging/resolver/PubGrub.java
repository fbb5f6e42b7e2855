package io.smolsnake.pypackaging.resolver;

import io.smolsnake.pypackaging.resolver.DependencyProvider.Dependencies;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The PubGrub version solver (Natalie Weizenbaum's algorithm, as in Dart's pub and pubgrub-rs):
 * unit propagation over incompatibilities, conflict-driven clause learning with backjumping, and
 * newest-first decisions. One instance solves one problem.
 */
public final class PubGrub<P, S extends VersionSet<S, V>, V> {
    private final DependencyProvider<P, S, V> provider;
    private final P root;
    private final V rootVersion;

    private final Map<P, List<Incompatibility<P, S, V>>> incompatibilities = new HashMap<>();
    private final List<Assignment<P, S, V>> assignments = new ArrayList<>();
    private final Map<P, Term<P, S>> accumulated = new LinkedHashMap<>();
    private final Map<P, V> decisions = new LinkedHashMap<>();
    private int decisionLevel;
    private final int maxSteps;
    /** How often deciding a package was refused because it conflicted with a decided one. */
    private final Map<P, Integer> conflicts = new HashMap<>();
    /** Packages moved ahead of every other after repeated conflicts, in that order. */
    private final List<P> prioritized = new ArrayList<>();

    private PubGrub(DependencyProvider<P, S, V> provider, P root, V rootVersion, int maxSteps) {
        this.provider = provider;
        this.root = root;
        this.rootVersion = rootVersion;
        this.maxSteps = maxSteps;
    }

    /** Solves for {@code root} at {@code rootVersion}, whose dependencies the provider gives. */
    public static <P, S extends VersionSet<S, V>, V> Resolution<P, S, V> solve(
            DependencyProvider<P, S, V> provider, P root, V rootVersion) {
        return new PubGrub<>(provider, root, rootVersion, 1_000_000).run();
    }

    private Resolution<P, S, V> run() {
        addIncompatibility(new Incompatibility<>(
                List.of(Term.negative(root, provider.singleton(rootVersion))), new Cause.Root<>()));
        P next = root;
        for (int step = 0; step < maxSteps; step++) {
            Incompatibility<P, S, V> failure = propagate(next);
            if (failure != null) {
                return new Resolution.Unsolvable<>(failure, root);
            }
            Optional<P> decided = decide();
            if (decided.isEmpty()) {
                return new Resolution.Solved<>(new LinkedHashMap<>(decisions));
            }
            next = decided.get();
        }
        throw new IllegalStateException("resolution did not finish within " + maxSteps + " steps");
    }

    // ---- unit propagation -------------------------------------------------------------------

    private Incompatibility<P, S, V> propagate(P start) {
        Deque<P> changed = new ArrayDeque<>();
        Set<P> queued = new LinkedHashSet<>();
        changed.add(start);
        queued.add(start);
        while (!changed.isEmpty()) {
            P pkg = changed.poll();
            queued.remove(pkg);
            List<Incompatibility<P, S, V>> list = incompatibilities.getOrDefault(pkg, List.of());
            for (int i = list.size() - 1; i >= 0; i--) {
                Incompatibility<P, S, V> incompat = list.get(i);
                Relation<P, S> rel = relation(incompat);
                if (rel.kind == RelationKind.SATISFIED) {
                    Incompatibility<P, S, V> rootCause = resolveConflict(incompat);
                    if (rootCause.isFailure(root)) {
                        return rootCause;
                    }
                    Relation<P, S> after = relation(rootCause);
                    if (after.kind != RelationKind.ALMOST) {
                        throw new IllegalStateException("learned incompatibility " + rootCause
                                + " is not almost satisfied after backjumping");
                    }
                    derive(after.unsatisfied.negate(), rootCause);
                    changed.clear();
                    queued.clear();
                    changed.add(after.unsatisfied.pkg());
                    queued.add(after.unsatisfied.pkg());
                    break;
                }
                if (rel.kind == RelationKind.ALMOST) {
                    derive(rel.unsatisfied.negate(), incompat);
                    if (queued.add(rel.unsatisfied.pkg())) {
                        changed.add(rel.unsatisfied.pkg());
                    }
                }
            }
        }
        return null;
    }

    private enum RelationKind { SATISFIED, CONTRADICTED, ALMOST, INCONCLUSIVE }

    private record Relation<P, S extends VersionSet<S, ?>>(RelationKind kind, Term<P, S> unsatisfied) {}

    private Relation<P, S> relation(Incompatibility<P, S, V> incompat) {
        Term<P, S> unsatisfied = null;
        for (Term<P, S> term : incompat.terms()) {
            Term<P, S> acc = accumulated.get(term.pkg());
            if (acc != null && acc.satisfies(term)) {
                continue;
            }
            if (acc != null && acc.contradicts(term)) {
                return new Relation<>(RelationKind.CONTRADICTED, term);
            }
            if (unsatisfied != null) {
                return new Relation<>(RelationKind.INCONCLUSIVE, null);
            }
            unsatisfied = term;
        }
        return unsatisfied == null
                ? new Relation<>(RelationKind.SATISFIED, null)
                : new Relation<>(RelationKind.ALMOST, unsatisfied);
    }

    // ---- conflict resolution ----------------------------------------------------------------

    private Incompatibility<P, S, V> resolveConflict(Incompatibility<P, S, V> conflict) {
        Incompatibility<P, S, V> incompat = conflict;
        boolean learned = false;
        while (!incompat.isFailure(root)) {
            Satisfiers sat = satisfiers(incompat);
            Assignment<P, S, V> satisfier = assignments.get(sat.satisfier);
            int previousLevel = sat.previous < 0 ? 1 : Math.max(1, assignments.get(sat.previous).level);
            if (satisfier.decision || previousLevel != satisfier.level) {
                if (learned) {
                    addIncompatibility(incompat);
                }
                backtrack(previousLevel);
                return incompat;
            }
            P pkg = satisfier.term.pkg();
            Term<P, S> term = incompat.term(pkg);
            List<Term<P, S>> prior = new ArrayList<>();
            for (Term<P, S> t : incompat.terms()) {
                if (!t.pkg().equals(pkg)) {
                    prior.add(t);
                }
            }
            for (Term<P, S> t : satisfier.cause.terms()) {
                if (!t.pkg().equals(pkg)) {
                    prior.add(t);
                }
            }
            if (!satisfier.term.satisfies(term)) {
                prior.add(satisfier.term.intersect(term.negate()).negate());
            }
            incompat = new Incompatibility<>(prior, new Cause.Derived<>(incompat, satisfier.cause));
            learned = true;
        }
        return incompat;
    }

    private record Satisfiers(int satisfier, int previous) {}

    /** The earliest assignment that satisfies {@code incompat}, and the one before it that matters. */
    private Satisfiers satisfiers(Incompatibility<P, S, V> incompat) {
        Map<P, Integer> firstSatisfying = new HashMap<>();
        for (Term<P, S> term : incompat.terms()) {
            firstSatisfying.put(term.pkg(), firstSatisfying(term, null, assignments.size()));
        }
        int satisfierIndex = -1;
        for (int idx : firstSatisfying.values()) {
            satisfierIndex = Math.max(satisfierIndex, idx);
        }
        if (satisfierIndex < 0) {
            throw new IllegalStateException("conflict " + incompat + " is not satisfied");
        }
        Assignment<P, S, V> satisfier = assignments.get(satisfierIndex);
        P pkg = satisfier.term.pkg();
        int previous = -1;
        for (Map.Entry<P, Integer> e : firstSatisfying.entrySet()) {
            if (!e.getKey().equals(pkg)) {
                previous = Math.max(previous, e.getValue());
            }
        }
        Term<P, S> term = incompat.term(pkg);
        if (!satisfier.term.satisfies(term)) {
            previous = Math.max(previous, firstSatisfying(term, satisfier.term, satisfierIndex));
        }
        return new Satisfiers(satisfierIndex, previous);
    }

    /**
     * The index of the first assignment (below {@code limit}) after which the package's accumulated
     * term, intersected with {@code extra} when given, satisfies {@code term}; -1 when none.
     */
    private int firstSatisfying(Term<P, S> term, Term<P, S> extra, int limit) {
        Term<P, S> acc = extra;
        for (int i = 0; i < limit; i++) {
            Assignment<P, S, V> a = assignments.get(i);
            if (!a.term.pkg().equals(term.pkg())) {
                continue;
            }
            acc = acc == null ? a.term : acc.intersect(a.term);
            if (acc.satisfies(term)) {
                return i;
            }
        }
        if (extra == null) {
            throw new IllegalStateException("term " + term + " is not satisfied by the partial solution");
        }
        return -1;
    }

    private void backtrack(int level) {
        while (!assignments.isEmpty() && assignments.get(assignments.size() - 1).level > level) {
            assignments.remove(assignments.size() - 1);
        }
        decisionLevel = level;
        accumulated.clear();
        decisions.clear();
        for (Assignment<P, S, V> a : assignments) {
            accumulated.merge(a.term.pkg(), a.term, Term::intersect);
            if (a.decision) {
                decisions.put(a.term.pkg(), a.version);
            }
        }
    }

    // ---- decisions --------------------------------------------------------------------------

    private Optional<P> decide() {
        P best = null;
        long bestPriority = Long.MAX_VALUE;
        for (Map.Entry<P, Term<P, S>> e : accumulated.entrySet()) {
            if (!e.getValue().positive() || decisions.containsKey(e.getKey())) {
                continue;
            }
            int boosted = prioritized.indexOf(e.getKey());
            long priority = boosted >= 0 ? Long.MIN_VALUE + boosted : provider.priority(e.getKey(), e.getValue().set());
            if (best == null || priority < bestPriority) {
                best = e.getKey();
                bestPriority = priority;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        P pkg = best;
        S allowed = accumulated.get(pkg).set();
        Optional<V> chosen = pkg.equals(root) ? Optional.of(rootVersion) : provider.chooseVersion(pkg, allowed);
        if (chosen.isEmpty()) {
            addIncompatibility(new Incompatibility<>(List.of(Term.positive(pkg, allowed)), new Cause.NoVersions<>()));
            return Optional.of(pkg);
        }
        V version = chosen.get();
        S exactly = provider.singleton(version);
        Dependencies<P, S> deps = provider.dependencies(pkg, version);
        if (deps instanceof Dependencies.Unavailable<P, S> u) {
            addIncompatibility(new Incompatibility<>(List.of(Term.positive(pkg, exactly)),
                    new Cause.Unavailable<>(version, u.reason())));
            return Optional.of(pkg);
        }
        P culprit = null;
        for (Map.Entry<P, S> dep : ((Dependencies.Known<P, S>) deps).requirements().entrySet()) {
            if (dep.getKey().equals(pkg)) {
                continue; // a package that depends on itself: nothing to learn
            }
            Incompatibility<P, S, V> incompat = new Incompatibility<>(
                    List.of(Term.positive(pkg, exactly), Term.negative(dep.getKey(), dep.getValue())),
                    new Cause.Dependency<>(pkg, dep.getKey()));
            addIncompatibility(incompat);
            Term<P, S> acc = accumulated.get(dep.getKey());
            if (acc != null && acc.satisfies(incompat.term(dep.getKey())) && culprit == null) {
                culprit = dep.getKey();
            }
        }
        if (culprit != null) {
            reprioritize(pkg, culprit);
        } else {
            decisionLevel++;
            Assignment<P, S, V> a = new Assignment<>(Term.positive(pkg, exactly), true, version, decisionLevel, null);
            assignments.add(a);
            accumulated.merge(pkg, a.term, Term::intersect);
            decisions.put(pkg, version);
        }
        return Optional.of(pkg);
    }

    /**
     * uv's answer to "wrong backtracking": when deciding {@code pkg} keeps conflicting with the
     * decision for {@code culprit} (five times), decide {@code pkg} first from now on and undo the
     * culprit's decision. Every learned incompatibility stays true, so only the search order changes.
     */
    private void reprioritize(P pkg, P culprit) {
        int n = conflicts.merge(pkg, 1, Integer::sum);
        if (n < 5 || prioritized.contains(pkg) || !decisions.containsKey(culprit)) {
            return;
        }
        prioritized.add(pkg);
        for (Assignment<P, S, V> a : assignments) {
            if (a.decision && a.term.pkg().equals(culprit)) {
                backtrack(Math.max(1, a.level - 1));
                return;
            }
        }
    }

    private void derive(Term<P, S> term, Incompatibility<P, S, V> cause) {
        Assignment<P, S, V> a = new Assignment<>(term, false, null, decisionLevel, cause);
        assignments.add(a);
        accumulated.merge(term.pkg(), term, Term::intersect);
    }

    private void addIncompatibility(Incompatibility<P, S, V> incompat) {
        for (Term<P, S> t : incompat.terms()) {
            incompatibilities.computeIfAbsent(t.pkg(), k -> new ArrayList<>()).add(incompat);
        }
    }

    private record Assignment<P, S extends VersionSet<S, V>, V>(
            Term<P, S> term, boolean decision, V version, int level, Incompatibility<P, S, V> cause) {}
}
