package io.smolsnake.pypackaging.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable set of versions, kept as sorted, disjoint, non-touching intervals: the term algebra
 * of a PubGrub resolver (union, intersection, complement, subset, disjoint).
 *
 * <p>{@link #from(Specifier)} is exact: a version is in the range exactly when the specifier's
 * operator accepts it ({@code contains} with pre-releases allowed). The PEP 440 exclusions are
 * part of the set ({@code >1.0} leaves out every {@code 1.0.postN} and {@code 1.0+local} but
 * keeps {@code 1.0.0.1}; {@code <1.0} leaves out {@code 1.0a1}); pre-release <em>preference</em>
 * is the resolver's business. The bounds between versions are {@link Cut}s, so emptiness is exact
 * too: {@code >1.0a1, <1.0a2.dev0} is empty.
 *
 * <p>The plain factories ({@link #atLeast}, {@link #greaterThan}, …) use the bare version order,
 * without PEP 440's special cases.
 */
public final class VersionRange {
    private static final VersionRange EMPTY = new VersionRange(List.of());
    private static final VersionRange FULL = new VersionRange(List.of(Cut.NEG_INF, Cut.POS_INF));

    /** Strictly increasing; even indices open an interval, odd indices close it. */
    private final List<Cut> cuts;

    private VersionRange(List<Cut> cuts) {
        this.cuts = cuts;
    }

    /** Every version. */
    public static VersionRange full() {
        return FULL;
    }

    /** No version. */
    public static VersionRange empty() {
        return EMPTY;
    }

    /** Exactly {@code v} (not its local versions, unless {@code v} is one). */
    public static VersionRange singleton(Version v) {
        return interval(Cut.below(v), Cut.above(v));
    }

    /** Versions {@code >= v} in plain version order. */
    public static VersionRange atLeast(Version v) {
        return interval(Cut.below(v), Cut.POS_INF);
    }

    /** Versions {@code > v} in plain version order (so {@code v+local} and {@code v.post1} are in). */
    public static VersionRange greaterThan(Version v) {
        return interval(Cut.above(v), Cut.POS_INF);
    }

    /** Versions {@code <= v} in plain version order. */
    public static VersionRange atMost(Version v) {
        return interval(Cut.NEG_INF, Cut.above(v));
    }

    /** Versions {@code < v} in plain version order (so {@code v}'s pre-releases are in). */
    public static VersionRange lessThan(Version v) {
        return interval(Cut.NEG_INF, Cut.below(v));
    }

    static VersionRange interval(Cut lower, Cut upper) {
        return lower.compareTo(upper) < 0 ? new VersionRange(List.of(lower, upper)) : EMPTY;
    }

    /**
     * The versions {@code specifier}'s operator accepts. {@code ===V} becomes the single version V
     * (empty when V is not a version): the range holds versions, and {@code ===} compares text, so
     * {@code ===1.0} accepts the version written {@code 1.0} but not {@code 1.0.0}, which are one
     * and the same version here.
     */
    public static VersionRange from(Specifier specifier) {
        Version v = specifier.parsedVersion();
        switch (specifier.operator()) {
            case ARBITRARY:
                return v == null ? EMPTY : singleton(v);
            case EQUAL:
                return equalTo(specifier, v);
            case NOT_EQUAL:
                return equalTo(specifier, v).complement();
            case GREATER_EQUAL:
                return interval(Cut.below(v), Cut.POS_INF);
            case LESS_EQUAL:
                return interval(Cut.NEG_INF, Cut.below(successor(v)));
            case GREATER:
                return interval(afterPostReleases(v), Cut.POS_INF);
            case LESS:
                return interval(Cut.NEG_INF, Cut.below(v.isPrerelease() ? v : v.withDev(BigInteger.ZERO)));
            case COMPATIBLE:
                List<BigInteger> prefix = v.release().subList(0, v.release().size() - 1);
                return interval(Cut.below(v), Cut.below(nextPrefix(v.epoch(), prefix)));
            default:
                throw new IllegalStateException(specifier.operator().name());
        }
    }

    /** The versions every member of {@code set} accepts (all versions for the empty set). */
    public static VersionRange from(SpecifierSet set) {
        VersionRange out = FULL;
        for (Specifier s : set.specifiers()) {
            out = out.intersection(from(s));
        }
        return out;
    }

    private static VersionRange equalTo(Specifier specifier, Version v) {
        if (specifier.isWildcard()) {
            return interval(Cut.below(Version.release(v.epoch(), v.release()).withDev(BigInteger.ZERO)),
                    Cut.below(nextPrefix(v.epoch(), v.release())));
        }
        if (v.hasLocal()) {
            return singleton(v);
        }
        return interval(Cut.below(v), Cut.below(successor(v)));
    }

    /**
     * The least public version above {@code v} and all its local versions: {@code 1.0 -> 1.0.post0.dev0},
     * {@code 1.0.post2 -> 1.0.post3.dev0}, {@code 1.0.dev2 -> 1.0.dev3}.
     */
    static Version successor(Version v) {
        if (v.dev() != null) {
            return v.withDev(v.dev().add(BigInteger.ONE));
        }
        BigInteger post = v.post() == null ? BigInteger.ZERO : v.post().add(BigInteger.ONE);
        return v.withPost(post).withDev(BigInteger.ZERO);
    }

    /** Where {@code >V} starts: after V, its local versions and (unless V is a post- or dev release) its post-releases. */
    private static Cut afterPostReleases(Version v) {
        if (v.dev() != null || v.post() != null) {
            return Cut.below(successor(v));
        }
        if (v.pre() != null) {
            Version.Pre next = new Version.Pre(v.pre().phase(), v.pre().number().add(BigInteger.ONE));
            return Cut.below(v.withPre(next).withDev(BigInteger.ZERO));
        }
        return Cut.aboveRelease(v);
    }

    /** The least version after every version starting with {@code prefix}: {@code 1.4 -> 1.5.dev0}. */
    static Version nextPrefix(BigInteger epoch, List<BigInteger> prefix) {
        List<BigInteger> release = new ArrayList<>(prefix);
        int last = release.size() - 1;
        release.set(last, release.get(last).add(BigInteger.ONE));
        return Version.release(epoch, release).withDev(BigInteger.ZERO);
    }

    public boolean isEmpty() {
        return cuts.isEmpty();
    }

    public boolean isFull() {
        return this.equals(FULL);
    }

    public boolean contains(Version v) {
        for (int i = 0; i < cuts.size(); i++) {
            if (cuts.get(i).isAbove(v)) {
                return i % 2 == 1;
            }
        }
        return false;
    }

    /** Whether some version in the range is not a pre-release. */
    public boolean containsFinalRelease() {
        for (int i = 0; i < cuts.size(); i += 2) {
            Cut lower = cuts.get(i);
            Version first;
            if (lower.equals(Cut.NEG_INF)) {
                first = Version.parse("0");
            } else if (lower.kind() == Cut.Kind.ABOVE_RELEASE
                    || (lower.kind() == Cut.Kind.ABOVE && !lower.version().isPrerelease())) {
                // Final releases come right after: R.0.0.1-style releases, or V's own local versions.
                return true;
            } else {
                Version v = lower.version();
                first = v.isPrerelease() ? finalOf(v) : v;
            }
            if (cuts.get(i + 1).isAbove(first)) {
                return true;
            }
        }
        return false;
    }

    /** The least final release above a pre-release: {@code 1.0a1.post2 -> 1.0}, {@code 1.0.post1.dev0 -> 1.0.post1}. */
    private static Version finalOf(Version v) {
        Version base = v.baseVersion();
        return v.pre() == null && v.post() != null ? base.withPost(v.post()) : base;
    }

    /** Every version not in this range. */
    public VersionRange complement() {
        boolean fromMinusInfinity = !cuts.isEmpty() && cuts.get(0).equals(Cut.NEG_INF);
        boolean toInfinity = !cuts.isEmpty() && cuts.get(cuts.size() - 1).equals(Cut.POS_INF);
        List<Cut> out = new ArrayList<>(cuts.size() + 2);
        if (!fromMinusInfinity) {
            out.add(Cut.NEG_INF);
        }
        out.addAll(cuts.subList(fromMinusInfinity ? 1 : 0, toInfinity ? cuts.size() - 1 : cuts.size()));
        if (!toInfinity) {
            out.add(Cut.POS_INF);
        }
        return of(out);
    }

    public VersionRange union(VersionRange other) {
        return combine(other, true);
    }

    public VersionRange intersection(VersionRange other) {
        return combine(other, false);
    }

    /** Sweeps both cut lists in order, emitting a cut wherever the result's membership flips. */
    private VersionRange combine(VersionRange other, boolean union) {
        List<Cut> a = cuts;
        List<Cut> b = other.cuts;
        List<Cut> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        boolean inA = false;
        boolean inB = false;
        boolean in = false;
        while (i < a.size() || j < b.size()) {
            Cut next;
            int c = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).compareTo(b.get(j));
            if (c <= 0) {
                next = a.get(i++);
                inA = !inA;
            } else {
                next = b.get(j);
            }
            if (c >= 0) {
                next = b.get(j++);
                inB = !inB;
            }
            boolean now = union ? inA || inB : inA && inB;
            if (now != in) {
                out.add(next);
                in = now;
            }
        }
        return of(out);
    }

    private static VersionRange of(List<Cut> cuts) {
        if (cuts.isEmpty()) {
            return EMPTY;
        }
        return cuts.size() == 2 && cuts.get(0).equals(Cut.NEG_INF) && cuts.get(1).equals(Cut.POS_INF)
                ? FULL : new VersionRange(List.copyOf(cuts));
    }

    /** Whether every version of this range is in {@code other}. */
    public boolean subsetOf(VersionRange other) {
        return intersection(other).equals(this);
    }

    /** Whether no version is in both ranges. */
    public boolean isDisjoint(VersionRange other) {
        return intersection(other).isEmpty();
    }

    /** The intervals' bounds in order: lower, upper, lower, upper, … */
    List<Cut> cuts() {
        return Collections.unmodifiableList(cuts);
    }

    /**
     * A readable form: {@code *} for every version, {@code ∅} for none, else intervals joined by
     * {@code " | "}, each in PEP 440 words where they fit ({@code >=1.0, !=1.5, <2.0},
     * {@code ==1.2}, {@code ==1.4.*}, {@code >1.0}). A bound PEP 440 cannot write, the top of
     * a release with all its post-releases, reads {@code <=1.0.post*}.
     */
    @Override
    public String toString() {
        return VersionRangeText.render(cuts);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof VersionRange r && cuts.equals(r.cuts));
    }

    @Override
    public int hashCode() {
        return cuts.hashCode();
    }
}
