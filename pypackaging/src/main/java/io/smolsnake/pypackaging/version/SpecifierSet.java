package io.smolsnake.pypackaging.version;

import io.smolsnake.pypackaging.PyText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A comma-separated set of PEP 440 specifiers ({@code >=1.0,!=1.3.*,<2}), all of which must
 * match, with pypa/packaging 26's pre-release rules: with no explicit choice, pre-releases are
 * accepted when a member's own version is one, and otherwise only when no final release matches.
 *
 * <p>The empty set matches every version. Equality ignores order, duplicates and the pre-release
 * override; {@link #toString()} lists the distinct members sorted by their text, as packaging does.
 */
public final class SpecifierSet {
    private static final SpecifierSet EMPTY = new SpecifierSet(List.of(), null);

    private final List<Specifier> specifiers;
    private final Boolean prereleases;

    private SpecifierSet(List<Specifier> specifiers, Boolean prereleases) {
        this.specifiers = List.copyOf(specifiers);
        this.prereleases = prereleases;
    }

    /** The set with no specifiers: every version matches. */
    public static SpecifierSet empty() {
        return EMPTY;
    }

    /**
     * Parses a comma-separated list; blank items are skipped, so {@code ""} is the empty set.
     *
     * @throws InvalidSpecifierException naming the member that is not a specifier
     */
    public static SpecifierSet parse(String text) {
        if (text == null) {
            throw new InvalidSpecifierException("Invalid specifier: none given", "", 0, 0);
        }
        List<Specifier> out = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String item = text.substring(start, end);
            if (!PyText.strip(item).isEmpty()) {
                out.add(Specifier.parse(item, text, start));
            }
            start = end + 1;
        }
        return out.isEmpty() ? EMPTY : new SpecifierSet(out, null);
    }

    /** A set of the given specifiers, in that order. */
    public static SpecifierSet of(List<Specifier> specifiers) {
        return specifiers.isEmpty() ? EMPTY : new SpecifierSet(specifiers, null);
    }

    /** This set with an explicit pre-release choice ({@code null}: the default rules). */
    public SpecifierSet withPrereleases(Boolean allow) {
        return Objects.equals(allow, prereleases) ? this : new SpecifierSet(specifiers, allow);
    }

    /** The members in the order they were given (duplicates kept). */
    public List<Specifier> specifiers() {
        return specifiers;
    }

    /** True when there are no specifiers (the set matches every version). */
    public boolean isEmpty() {
        return specifiers.isEmpty();
    }

    /**
     * The explicit pre-release choice if one was made; else true when a member accepts
     * pre-releases, and null (undecided) otherwise.
     */
    public Boolean prereleases() {
        if (prereleases != null) {
            return prereleases;
        }
        if (specifiers.stream().anyMatch(s -> Boolean.TRUE.equals(s.prereleases()))) {
            return true;
        }
        return null;
    }

    /**
     * Both sets' members together (packaging's {@code &}).
     *
     * @throws IllegalArgumentException when one set allows pre-releases explicitly and the other forbids them
     */
    public SpecifierSet and(SpecifierSet other) {
        Boolean combined;
        if (prereleases == null || prereleases.equals(other.prereleases)) {
            combined = other.prereleases;
        } else if (other.prereleases == null) {
            combined = prereleases;
        } else {
            throw new IllegalArgumentException("Cannot combine specifier sets '" + this + "' and '" + other
                    + "': one allows pre-releases explicitly and the other forbids them");
        }
        List<Specifier> all = new ArrayList<>(specifiers);
        all.addAll(other.specifiers);
        return new SpecifierSet(all, combined);
    }

    /** Whether {@code version} matches, with the default pre-release rules. */
    public boolean contains(Version version) {
        return !filterCandidates(List.of(Candidate.of(version)), null).isEmpty();
    }

    /** Whether {@code version} matches; {@code prereleases} null applies the default rules. */
    public boolean contains(String version, Boolean prereleases) {
        return contains(version, prereleases, null);
    }

    /**
     * Whether {@code version} matches. {@code installed} true accepts an already installed
     * pre-release even when pre-releases are otherwise not accepted.
     */
    public boolean contains(String version, Boolean prereleases, Boolean installed) {
        Candidate c = Candidate.of(version);
        Boolean allow = Boolean.TRUE.equals(installed) && c.isPrerelease() ? Boolean.TRUE : prereleases;
        return !filterCandidates(List.of(c), allow).isEmpty();
    }

    /**
     * The versions of {@code candidates} that match, in their order. With {@code prereleases}
     * null, pre-releases are dropped when at least one final release matches, and kept when only
     * pre-releases (and strings that are not versions) are left.
     */
    public List<String> filter(List<String> candidates, Boolean prereleases) {
        List<Candidate> in = candidates.stream().map(Candidate::of).toList();
        return filterCandidates(in, prereleases).stream().map(Candidate::text).toList();
    }

    List<Candidate> filterCandidates(List<Candidate> candidates, Boolean allow) {
        Boolean effective = allow == null ? prereleases() : allow;
        if (specifiers.isEmpty()) {
            if (effective == null) {
                return preferFinals(candidates);
            }
            return effective ? candidates
                    : candidates.stream().filter(c -> !c.isPrerelease()).toList();
        }
        boolean include = effective == null || effective;
        List<Candidate> matched = specifiers.size() == 1
                ? specifiers.get(0).filterCandidates(candidates, include)
                : matchAll(candidates, include);
        return effective == null ? preferFinals(matched) : matched;
    }

    private List<Candidate> matchAll(List<Candidate> candidates, boolean includePrereleases) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.version() == null) {
                if (specifiers.stream().allMatch(s -> s.operator() == Operator.ARBITRARY && s.arbitraryMatch(c.text()))) {
                    out.add(c);
                }
            } else if ((includePrereleases || !c.isPrerelease()) && specifiers.stream().allMatch(s -> s.test(c))) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * PEP 440's default: drop pre-releases when a final release is present; strings that are not
     * versions always stay.
     */
    private static List<Candidate> preferFinals(List<Candidate> candidates) {
        boolean anyFinal = candidates.stream().anyMatch(c -> c.version() != null && !c.isPrerelease());
        return anyFinal ? candidates.stream().filter(c -> !c.isPrerelease()).toList() : candidates;
    }

    /** The distinct members sorted by text (packaging's canonical order). */
    private List<Specifier> canonical() {
        List<Specifier> sorted = new ArrayList<>(specifiers);
        sorted.sort(Comparator.comparing(Specifier::toString));
        return List.copyOf(new LinkedHashSet<>(sorted));
    }

    /** The distinct members sorted by their text, joined by commas: {@code !=1.3,<2,>=1.0}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Specifier s : canonical()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(s);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SpecifierSet s && canonical().equals(s.canonical()));
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }
}
