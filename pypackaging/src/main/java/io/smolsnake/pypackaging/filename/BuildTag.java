package io.smolsnake.pypackaging.filename;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A wheel's optional build tag, {@code 1000abc}: the leading digits as a number and the rest as text.
 * Wheels differing only in build tag sort by number, then by text.
 */
public record BuildTag(BigInteger number, String tag) implements Comparable<BuildTag> {
    public BuildTag {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(tag, "tag");
        if (number.signum() < 0) {
            throw new IllegalArgumentException("a build number is not negative: " + number);
        }
    }

    @Override
    public int compareTo(BuildTag o) {
        int c = number.compareTo(o.number);
        return c != 0 ? c : tag.compareTo(o.tag);
    }

    /** As written in a filename: {@code 1000abc}. */
    @Override
    public String toString() {
        return number + tag;
    }
}
