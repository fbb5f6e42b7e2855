package io.smolsnake.pypackaging.version;

import java.util.Objects;

/**
 * A point on the version line that lies between versions, never on one: the bound of a
 * {@link VersionRange}. An interval is the versions between two cuts.
 *
 * <ul>
 *   <li>{@code below(V)}: just below V (an inclusive lower or exclusive upper bound at V);
 *   <li>{@code above(V)}: just above V exactly, before {@code V+local} when V has no local label;
 *   <li>{@code aboveRelease(R)}: above every version whose epoch and release are R (its
 *       pre-, post-, dev- and local versions too), below {@code R.0.1}, {@code R.0.0.1}, … — no
 *       version is the first one after it, so it cannot be written as a cut at a version.
 * </ul>
 *
 * <p>Cuts are canonical: two different cuts always have a version between them, because no
 * version has an immediate successor (a local label can always be made smaller) and the least
 * version {@code 0.dev0} has nothing below it, so {@code below(0.dev0)} is minus infinity. That
 * makes "lower cut &lt; upper cut" exactly "the interval holds a version".
 */
final class Cut implements Comparable<Cut> {
    enum Kind { NEG_INF, BELOW, ABOVE, ABOVE_RELEASE, POS_INF }

    static final Cut NEG_INF = new Cut(Kind.NEG_INF, null);
    static final Cut POS_INF = new Cut(Kind.POS_INF, null);
    private static final Version LEAST = Version.parse("0.dev0");

    private final Kind kind;
    private final Version version;

    private Cut(Kind kind, Version version) {
        this.kind = kind;
        this.version = version;
    }

    static Cut below(Version v) {
        return v.equals(LEAST) ? NEG_INF : new Cut(Kind.BELOW, v);
    }

    static Cut above(Version v) {
        return new Cut(Kind.ABOVE, v);
    }

    /** Above every version with {@code v}'s epoch and release. */
    static Cut aboveRelease(Version v) {
        return new Cut(Kind.ABOVE_RELEASE, v.baseVersion());
    }

    Kind kind() {
        return kind;
    }

    /** The version the cut is attached to; null for the infinities. */
    Version version() {
        return version;
    }

    /** Whether {@code v} lies below this cut. */
    boolean isAbove(Version v) {
        switch (kind) {
            case NEG_INF:
                return false;
            case POS_INF:
                return true;
            case BELOW:
                return v.compareTo(version) < 0;
            case ABOVE:
                return v.compareTo(version) <= 0;
            default:
                return v.baseVersion().compareTo(version) <= 0;
        }
    }

    @Override
    public int compareTo(Cut o) {
        if (kind == Kind.NEG_INF || kind == Kind.POS_INF || o.kind == Kind.NEG_INF || o.kind == Kind.POS_INF) {
            return Integer.compare(infinityRank(), o.infinityRank());
        }
        if (kind == Kind.ABOVE_RELEASE && o.kind == Kind.ABOVE_RELEASE) {
            return version.compareTo(o.version);
        }
        if (kind == Kind.ABOVE_RELEASE) {
            return o.version.baseVersion().compareTo(version) <= 0 ? 1 : -1;
        }
        if (o.kind == Kind.ABOVE_RELEASE) {
            return -o.compareTo(this);
        }
        int c = version.compareTo(o.version);
        return c != 0 ? c : Integer.compare(kind.ordinal(), o.kind.ordinal());
    }

    private int infinityRank() {
        return kind == Kind.NEG_INF ? -1 : kind == Kind.POS_INF ? 1 : 0;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Cut c && kind == c.kind && Objects.equals(version, c.version));
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, version);
    }

    @Override
    public String toString() {
        return kind + (version == null ? "" : "(" + version + ")");
    }
}
