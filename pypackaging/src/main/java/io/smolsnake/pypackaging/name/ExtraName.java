package io.smolsnake.pypackaging.name;

/**
 * An extra (or dependency group) name, compared by its PEP 685 normalised form: the same rule as
 * PEP 503 project names ({@code Foo.Bar_baz -> foo-bar-baz}). {@link #toString()} is the
 * normalised form.
 */
public record ExtraName(String normalized) implements Comparable<ExtraName> {

    public ExtraName {
        if (normalized == null || normalized.isEmpty() || !PackageName.canonicalize(normalized).equals(normalized)) {
            throw new InvalidNameException("Not a normalised extra name: '" + normalized
                    + "' (expected the PEP 685 form, such as 'foo-bar')",
                    normalized == null ? "" : normalized);
        }
    }

    /**
     * A validated extra name, normalised.
     *
     * @throws InvalidNameException naming the input when it is not a valid name
     */
    public static ExtraName of(String name) {
        if (name == null || !PackageName.isValid(name)) {
            throw new InvalidNameException("Invalid extra name: '" + name
                    + "' (names are ASCII letters and digits, with '.', '_' or '-' between them)",
                    name == null ? "" : name);
        }
        return new ExtraName(PackageName.canonicalize(name));
    }

    /**
     * The PEP 685 normal form without validation (what marker evaluation compares), the same
     * as {@link PackageName#canonicalize(String)}.
     */
    public static String canonicalize(String name) {
        return PackageName.canonicalize(name);
    }

    @Override
    public int compareTo(ExtraName o) {
        return normalized.compareTo(o.normalized);
    }

    @Override
    public String toString() {
        return normalized;
    }
}
