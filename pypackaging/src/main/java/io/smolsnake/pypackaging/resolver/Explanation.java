package io.smolsnake.pypackaging.resolver;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the derivation tree of a failed resolution as sentences ("Because a 1 depends on b 2 and
 * no versions of b match 2, a 1 is forbidden."), numbering conclusions that are used more than once
 * so a reader can refer back to them, as pub and pubgrub-rs report.
 */
public final class Explanation<P, S extends VersionSet<S, V>, V> {
    private final P root;
    private final Map<Incompatibility<P, S, V>, Integer> refCounts = new IdentityHashMap<>();
    private final Map<Incompatibility<P, S, V>, Integer> lineNumbers = new IdentityHashMap<>();
    private final List<String[]> lines = new ArrayList<>(); // {text, number or ""}

    private Explanation(P root) {
        this.root = root;
    }

    /** The explanation of why {@code failure} (a terminal incompatibility) holds. */
    public static <P, S extends VersionSet<S, V>, V> String render(Incompatibility<P, S, V> failure, P root) {
        Explanation<P, S, V> e = new Explanation<>(root);
        e.count(failure, new IdentityHashMap<>());
        if (failure.cause() instanceof Cause.Derived) {
            e.visit(failure, false);
        } else {
            e.write(failure, "Because " + e.describe(failure) + ", version solving failed.", false);
        }
        return e.text();
    }

    private void count(Incompatibility<P, S, V> incompat, Map<Incompatibility<P, S, V>, Boolean> seen) {
        if (derived(incompat) && incompat.cause() instanceof Cause.Derived<P, V> d) {
            int n = refCounts.merge(incompat, 1, Integer::sum);
            if (n > 1) {
                return;
            }
            count(cast(d.left()), seen);
            count(cast(d.right()), seen);
        }
    }

    @SuppressWarnings("unchecked")
    private Incompatibility<P, S, V> cast(Incompatibility<P, ?, V> i) {
        return (Incompatibility<P, S, V>) i;
    }

    private void visit(Incompatibility<P, S, V> incompat, boolean conclusionNumbered) {
        Cause.Derived<P, V> d = (Cause.Derived<P, V>) incompat.cause();
        boolean numbered = conclusionNumbered || refCounts.getOrDefault(incompat, 0) > 1;
        String conclusion = isFailure(incompat) ? "version solving failed" : describe(incompat);
        Incompatibility<P, S, V> left = cast(d.left());
        Incompatibility<P, S, V> right = cast(d.right());
        boolean leftDerived = derived(left);
        boolean rightDerived = derived(right);
        if (leftDerived && rightDerived) {
            Integer l = lineNumbers.get(left);
            Integer r = lineNumbers.get(right);
            if (l != null && r != null) {
                write(incompat, "Because " + describe(left) + " (" + l + ") and " + describe(right) + " (" + r
                        + "), " + conclusion + ".", numbered);
            } else if (l != null || r != null) {
                Incompatibility<P, S, V> withLine = l != null ? left : right;
                Incompatibility<P, S, V> without = l != null ? right : left;
                visit(without, false);
                write(incompat, "And because " + describe(withLine) + " (" + lineNumbers.get(withLine) + "), "
                        + conclusion + ".", numbered);
            } else {
                boolean singleLeft = isSimple(left);
                boolean singleRight = isSimple(right);
                if (singleLeft || singleRight) {
                    Incompatibility<P, S, V> first = singleLeft ? right : left;
                    Incompatibility<P, S, V> second = singleLeft ? left : right;
                    visit(first, false);
                    visit(second, false);
                    write(incompat, "Thus, " + conclusion + ".", numbered);
                } else {
                    visit(left, true);
                    visit(right, false);
                    write(incompat, "And because " + describe(left) + " (" + lineNumbers.get(left) + "), "
                            + conclusion + ".", numbered);
                }
            }
        } else if (leftDerived || rightDerived) {
            Incompatibility<P, S, V> derived = leftDerived ? left : right;
            Incompatibility<P, S, V> external = leftDerived ? right : left;
            Integer line = lineNumbers.get(derived);
            if (line != null) {
                write(incompat, "Because " + describe(external) + " and " + describe(derived) + " (" + line + "), "
                        + conclusion + ".", numbered);
            } else if (isCollapsible(derived)) {
                Cause.Derived<P, V> dd = (Cause.Derived<P, V>) derived.cause();
                Incompatibility<P, S, V> a = cast(dd.left());
                Incompatibility<P, S, V> b = cast(dd.right());
                Incompatibility<P, S, V> inner = derived(a) ? a : b;
                Incompatibility<P, S, V> innerExternal = derived(a) ? b : a;
                visit(inner, false);
                write(incompat, "And because " + describe(innerExternal) + " and " + describe(external) + ", "
                        + conclusion + ".", numbered);
            } else {
                visit(derived, false);
                write(incompat, "And because " + describe(external) + ", " + conclusion + ".", numbered);
            }
        } else {
            write(incompat, "Because " + describe(left) + " and " + describe(right) + ", " + conclusion + ".",
                    numbered);
        }
    }

    /**
     * Whether the explanation treats {@code i} as a conclusion with reasons of its own. A fact
     * learned from "no other versions of X exist" plus one external fact about X reads better as
     * that fact stated for the whole range ("X >=2,<3 depends on Y"), so it is shown as one.
     */
    private boolean derived(Incompatibility<P, S, V> i) {
        if (!(i.cause() instanceof Cause.Derived<P, V> d)) {
            return false;
        }
        Incompatibility<P, S, V> l = cast(d.left());
        Incompatibility<P, S, V> r = cast(d.right());
        boolean noVersions = l.cause() instanceof Cause.NoVersions || r.cause() instanceof Cause.NoVersions;
        return !(noVersions && !derived(l) && !derived(r));
    }

    /** Derived directly from two external facts. */
    private boolean isSimple(Incompatibility<P, S, V> i) {
        return i.cause() instanceof Cause.Derived<P, V> d && !derived(cast(d.left())) && !derived(cast(d.right()));
    }

    /** Derived from one derived and one external incompatibility, used once, not yet numbered. */
    private boolean isCollapsible(Incompatibility<P, S, V> i) {
        if (refCounts.getOrDefault(i, 0) > 1 || !(i.cause() instanceof Cause.Derived<P, V> d)) {
            return false;
        }
        boolean l = derived(cast(d.left()));
        boolean r = derived(cast(d.right()));
        if (l == r) {
            return false;
        }
        Incompatibility<P, S, V> inner = cast(l ? d.left() : d.right());
        return !lineNumbers.containsKey(inner);
    }

    private void write(Incompatibility<P, S, V> incompat, String text, boolean numbered) {
        if (numbered) {
            int n = lineNumbers.size() + 1;
            lineNumbers.put(incompat, n);
            lines.add(new String[] {text, "(" + n + ")"});
        } else {
            lines.add(new String[] {text, ""});
        }
    }

    private String text() {
        int width = lines.stream().mapToInt(l -> l[1].length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        String previous = null;
        for (String[] line : lines) {
            if (previous != null && !line[1].isEmpty() && !previous.isEmpty()) {
                sb.append('\n');
            }
            String prefix = width == 0 ? "" : String.format("%-" + width + "s ", line[1]);
            sb.append(prefix).append(line[0]).append('\n');
            previous = line[1];
        }
        return sb.toString().stripTrailing();
    }

    private boolean isFailure(Incompatibility<P, S, V> incompat) {
        return incompat.isFailure(root);
    }

    // ---- describing one incompatibility -----------------------------------------------------

    private final Map<Incompatibility<P, S, V>, String> memo = new IdentityHashMap<>();

    String describe(Incompatibility<P, S, V> incompat) {
        String known = memo.get(incompat);
        if (known == null) {
            known = describeUncached(incompat);
            memo.put(incompat, known);
        }
        return known;
    }

    private String describeUncached(Incompatibility<P, S, V> incompat) {
        Cause<P, V> cause = incompat.cause();
        List<Term<P, S>> terms = incompat.terms();
        if (cause instanceof Cause.Root) {
            return "the project is required";
        }
        if (cause instanceof Cause.NoVersions) {
            Term<P, S> t = terms.get(0);
            return "there is no version of " + t.pkg() + versionSuffix(t.set());
        }
        if (cause instanceof Cause.Unavailable<P, V> u) {
            Term<P, S> t = terms.get(0);
            return t.pkg() + " " + u.version() + " " + u.reason();
        }
        if (cause instanceof Cause.Dependency) {
            Term<P, S> depender = terms.get(0);
            Term<P, S> dependee = terms.size() > 1 ? terms.get(1) : null;
            if (dependee == null) {
                return pkgAt(depender) + " depends on itself";
            }
            if (depender.pkg().equals(root)) {
                return "the project depends on " + dependee.pkg() + versionSuffix(dependee.set());
            }
            return pkgAt(depender) + " depends on " + dependee.pkg() + versionSuffix(dependee.set());
        }
        if (cause instanceof Cause.Derived<P, V> d && terms.size() == 1 && terms.get(0).positive()) {
            // "no other version" + "this version is unavailable": say why that version was refused
            Cause<P, V> l = d.left().cause();
            Cause<P, V> r = d.right().cause();
            Cause.Unavailable<P, V> u = l instanceof Cause.Unavailable<P, V> ul ? ul
                    : r instanceof Cause.Unavailable<P, V> ur ? ur : null;
            if (u != null && (l instanceof Cause.NoVersions || r instanceof Cause.NoVersions)) {
                Term<P, S> t = terms.get(0);
                return pkgAt(t) + " cannot be used (" + t.pkg() + " " + u.version() + " " + u.reason()
                        + ", and no other version matches)";
            }
        }
        // derived
        List<Term<P, S>> positive = terms.stream().filter(Term::positive).toList();
        List<Term<P, S>> negative = terms.stream().filter(t -> !t.positive()).toList();
        if (terms.isEmpty()) {
            return "version solving failed";
        }
        if (terms.size() == 1) {
            Term<P, S> t = terms.get(0);
            if (t.pkg().equals(root)) {
                return "the requirements are unsatisfiable";
            }
            return t.positive() ? pkgAt(t) + " cannot be used" : t.pkg() + versionSuffix(t.set()) + " is required";
        }
        if (positive.size() == 1 && positive.get(0).pkg().equals(root)) {
            List<String> needs = negative.stream().map(t -> t.pkg() + versionSuffix(t.set())).toList();
            return "the project requires " + String.join(" and ", needs);
        }
        if (positive.size() == 1 && negative.size() >= 1) {
            List<String> needs = negative.stream().map(t -> t.pkg() + versionSuffix(t.set())).toList();
            return pkgAt(positive.get(0)) + " depends on " + String.join(" and ", needs);
        }
        if (negative.isEmpty()) {
            List<String> parts = positive.stream().filter(t -> !t.pkg().equals(root)).map(this::pkgAt).toList();
            if (parts.size() == 1) {
                return parts.get(0) + " cannot be used"; // with the project, which is always selected
            }
            if (parts.size() == 2) {
                return parts.get(0) + " and " + parts.get(1) + " are incompatible";
            }
            return "one of " + String.join(", ", parts) + " must be false";
        }
        List<String> pos = positive.stream().map(this::pkgAt).toList();
        List<String> neg = negative.stream().map(t -> t.pkg() + versionSuffix(t.set())).toList();
        return "if " + String.join(" and ", pos) + " then " + String.join(" and ", neg);
    }

    private String pkgAt(Term<P, S> t) {
        return t.pkg().equals(root) ? "the project" : t.pkg() + versionSuffix(t.set());
    }

    private static String versionSuffix(Object set) {
        String s = set.toString();
        return s.isEmpty() || s.equals("*") ? "" : " " + s;
    }
}
