package io.smolsnake.pypackaging.tags;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A glibc or musl version, {@code major.minor} (PEP 600 / PEP 656 compare only these two). */
public record LibcVersion(int major, int minor) implements Comparable<LibcVersion> {
    private static final Pattern VERSION = Pattern.compile("([0-9]+)\\.([0-9]+)");

    public LibcVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("a libc version is non-negative, got " + major + "." + minor);
        }
    }

    public static LibcVersion of(int major, int minor) {
        return new LibcVersion(major, minor);
    }

    /**
     * The first {@code major.minor} in {@code text} ({@code 2.26}, {@code glibc 2.34}, {@code 2.17-foo});
     * like packaging, extra text around it is ignored.
     *
     * @throws IllegalArgumentException naming the text when it holds no {@code major.minor}
     */
    public static LibcVersion parse(String text) {
        Matcher m = text == null ? null : VERSION.matcher(text);
        if (m == null || !m.find()) {
            throw new IllegalArgumentException("Expected a libc version with 2 components major.minor, got: '"
                    + text + "'");
        }
        try {
            return new LibcVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("libc version out of range: '" + text + "'", e);
        }
    }

    @Override
    public int compareTo(LibcVersion o) {
        int c = Integer.compare(major, o.major);
        return c != 0 ? c : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    // equals and hashCode written out: a record's generated ones are linked through invokedynamic on
    // first use, which costs a short CLI run milliseconds per record type (these are on every lock)
    @Override
    public boolean equals(Object o) {
        return o instanceof LibcVersion v && v.major == major && v.minor == minor;
    }

    @Override
    public int hashCode() {
        return 31 * major + minor;
    }
}
