package io.smolsnake.pypackaging.tags;

import java.util.OptionalInt;

/**
 * The Python version tags are generated for: {@code 3.12}, or major only ({@code 3}) as packaging's
 * generators allow (then only the major-version tags are produced).
 */
public record PythonVersion(int major, OptionalInt minor) implements Comparable<PythonVersion> {
    public PythonVersion {
        if (major < 0 || minor == null || (minor.isPresent() && minor.getAsInt() < 0)) {
            throw new IllegalArgumentException("a Python version is non-negative numbers, got "
                    + major + "." + minor);
        }
    }

    public static PythonVersion of(int major) {
        return new PythonVersion(major, OptionalInt.empty());
    }

    public static PythonVersion of(int major, int minor) {
        return new PythonVersion(major, OptionalInt.of(minor));
    }

    /** Whether the minor version is known. */
    public boolean hasMinor() {
        return minor.isPresent();
    }

    /** The digits joined without a dot: {@code 312}, or {@code 3} for major only. */
    public String nodot() {
        return minor.isPresent() ? major + "" + minor.getAsInt() : Integer.toString(major);
    }

    /** Whether this is at least {@code otherMajor.otherMinor}; a major-only version is below every minor of its major. */
    boolean atLeast(int otherMajor, int otherMinor) {
        if (major != otherMajor) {
            return major > otherMajor;
        }
        return minor.orElse(-1) >= otherMinor;
    }

    @Override
    public int compareTo(PythonVersion o) {
        int c = Integer.compare(major, o.major);
        return c != 0 ? c : Integer.compare(minor.orElse(-1), o.minor.orElse(-1));
    }

    @Override
    public String toString() {
        return minor.isPresent() ? major + "." + minor.getAsInt() : Integer.toString(major);
    }

    // written out (not the record's invokedynamic equals): compared on a short command's critical path
    @Override
    public boolean equals(Object o) {
        return o instanceof PythonVersion v && major == v.major && minor.equals(v.minor);
    }

    @Override
    public int hashCode() {
        return 31 * major + minor.hashCode();
    }
}
