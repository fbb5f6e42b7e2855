package io.smolsnake.pypackaging.resolver;

import io.smolsnake.pypackaging.version.Version;
import io.smolsnake.pypackaging.version.VersionRange;

/** PEP 440 version ranges as the solver's {@link VersionSet}. */
public record Range(VersionRange range) implements VersionSet<Range, Version> {
    static final Range FULL = new Range(VersionRange.full());

    @Override
    public Range complement() {
        return new Range(range.complement());
    }

    @Override
    public Range intersection(Range other) {
        return new Range(range.intersection(other.range));
    }

    @Override
    public Range union(Range other) {
        return new Range(range.union(other.range));
    }

    @Override
    public boolean isEmpty() {
        return range.isEmpty();
    }

    @Override
    public boolean contains(Version version) {
        return range.contains(version);
    }

    @Override
    public boolean subsetOf(Range other) {
        return range.subsetOf(other.range);
    }

    @Override
    public boolean isDisjoint(Range other) {
        return range.isDisjoint(other.range);
    }

    @Override
    public String toString() {
        String s = range.toString();
        return s.equals("*") ? "" : s;
    }
}
