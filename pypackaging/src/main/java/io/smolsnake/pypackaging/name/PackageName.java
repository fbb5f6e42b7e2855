package io.smolsnake.pypackaging.name;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A project name, compared by its PEP 503 normalised form ({@code Foo.Bar_baz -> foo-bar-baz}).
 * {@link #toString()} is the normalised form; {@link #original()} is what was written.
 */
public record PackageName(String normalized, String original) implements Comparable<PackageName> {
    private static final Pattern VALID = Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RUNS = Pattern.compile("[-_.]+");

    public PackageName {
        if (normalized == null || original == null) {
            throw new InvalidNameException("a package name is required", "");
        }
    }

    /**
     * A validated name (PEP 508: ASCII letters and digits, with {@code .}, {@code _}, {@code -}
     * inside).
     *
     * @throws InvalidNameException naming the input when it is not a valid name
     */
    public static PackageName of(String name) {
        if (name == null || !isValid(name)) {
            throw new InvalidNameException("Invalid package name: '" + name
                    + "' (names are ASCII letters and digits, with '.', '_' or '-' between them)",
                    name == null ? "" : name);
        }
        return new PackageName(canonicalize(name), name);
    }

    /** Whether {@code name} is a valid PEP 508 project name. */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches() && name.indexOf('\n') < 0;
    }

    /**
     * The PEP 503 normal form without validation: runs of {@code -_.} become one {@code -}, then
     * lower case (packaging's {@code canonicalize_name(validate=False)}).
     */
    public static String canonicalize(String name) {
        return RUNS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }

    /** Whether {@code name} is already in its normal form (packaging's {@code is_normalized_name}). */
    public static boolean isNormalized(String name) {
        return isValid(name) && canonicalize(name).equals(name);
    }

    /** The form used in wheel and sdist file names ({@code foo_bar}). */
    public String distributionFilename() {
        return normalized.replace('-', '_');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackageName p && p.normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    @Override
    public int compareTo(PackageName o) {
        return normalized.compareTo(o.normalized);
    }

    @Override
    public String toString() {
        return normalized;
    }
}
