package io.smolsnake.pypackaging.requirement;

import io.smolsnake.pypackaging.PyText;
import io.smolsnake.pypackaging.name.ExtraName;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.InvalidVersionException;
import io.smolsnake.pypackaging.version.Specifier;
import io.smolsnake.pypackaging.version.SpecifierSet;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A PEP 508 dependency specifier: {@code name[extra,...] specifiers ; marker} or
 * {@code name[extra,...] @ url ; marker}.
 *
 * <p>{@link #toString()} is pypa/packaging's normal form: the name and extras as written (extras
 * sorted), specifiers normalised, the marker normalised. Equality is packaging's: names compared
 * PEP 503 normalised, extras PEP 685 normalised, specifiers as sets, URLs exactly, markers by
 * their normal form.
 *
 * @param name the project name as written
 * @param extras the extras as written, sorted
 * @param specifier the version specifiers, empty when none (or when a URL is given)
 * @param url the direct reference after {@code @}, or {@code null}
 * @param marker the environment marker, or {@code null}
 */
public record Requirement(String name, SortedSet<String> extras, SpecifierSet specifier, String url, Marker marker) {
    /** What the parser accepts as a name: PEP 508's, except that packaging also lets it end in '.', '_' or '-'. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*");

    public Requirement {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid project name: " + name);
        }
        extras = Collections.unmodifiableSortedSet(new TreeSet<>(extras == null ? Set.of() : extras));
        if (!extras.stream().allMatch(e -> IDENTIFIER.matcher(e).matches())) {
            throw new IllegalArgumentException("invalid extra name in " + extras);
        }
        specifier = specifier == null ? SpecifierSet.empty() : specifier;
        if (url != null && url.isEmpty()) {
            url = null;
        }
    }

    /**
     * Parses a dependency specifier.
     *
     * @throws InvalidRequirementException with packaging's message and a caret under the problem
     */
    public static Requirement parse(String requirement) {
        RequirementParser.Parsed parsed = RequirementParser.parseRequirement(requirement);
        SpecifierSet specifier;
        try {
            specifier = SpecifierSet.parse(parsed.specifier());
        } catch (InvalidVersionException e) {
            throw invalidSpecifier(requirement, parsed, e);
        }
        return new Requirement(parsed.name(), new TreeSet<>(parsed.extras()), specifier, parsed.url(),
                parsed.marker());
    }

    /**
     * packaging's message for a specifier the grammar let through but PEP 440 rejects
     * ({@code ===x,y}: "Invalid specifier: 'y'"), with the caret under that member; the
     * specifier parser's own explanation is the cause.
     */
    private static InvalidRequirementException invalidSpecifier(String input, RequirementParser.Parsed parsed,
            InvalidVersionException cause) {
        String text = parsed.specifier();
        int[] columns = parsed.specifierColumns();
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String item = PyText.strip(text.substring(start, end));
            if (!item.isEmpty()) {
                try {
                    Specifier.parse(item);
                } catch (InvalidVersionException bad) {
                    int from = start + text.substring(start, end).indexOf(item);
                    InvalidRequirementException e = new InvalidRequirementException("Invalid specifier: '" + item + "'",
                            input, columns[from], columns[from + item.length() - 1] + 1);
                    e.initCause(cause);
                    return e;
                }
            }
            start = end + 1;
        }
        InvalidRequirementException e = new InvalidRequirementException(cause.reason(), input);
        e.initCause(cause);
        return e;
    }

    /** The project name, PEP 503 normalised. */
    public PackageName packageName() {
        return new PackageName(PackageName.canonicalize(name), name);
    }

    /** The extras, PEP 685 normalised. */
    public SortedSet<ExtraName> extraNames() {
        return extras.stream().map(e -> new ExtraName(ExtraName.canonicalize(e)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Whether this requirement applies in an environment: true without a marker, else the
     * marker's value ({@link MarkerContext#REQUIREMENT} rules unless told otherwise).
     */
    public boolean appliesTo(MarkerEnvironment environment, MarkerContext context) {
        return marker == null || marker.evaluate(environment, context);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requirement r
                && PackageName.canonicalize(name).equals(PackageName.canonicalize(r.name))
                && normalisedExtras().equals(r.normalisedExtras())
                && specifier.equals(r.specifier)
                && Objects.equals(url, r.url)
                && Objects.equals(marker, r.marker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(PackageName.canonicalize(name), normalisedExtras(), specifier, url, marker);
    }

    private Set<String> normalisedExtras() {
        return extras.stream().map(ExtraName::canonicalize).collect(Collectors.toSet());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name);
        if (!extras.isEmpty()) {
            out.append('[').append(String.join(",", extras)).append(']');
        }
        if (!specifier.isEmpty()) {
            out.append(specifier);
        }
        if (url != null) {
            out.append(" @ ").append(url);
            if (marker != null) {
                out.append(' ');
            }
        }
        if (marker != null) {
            out.append("; ").append(marker);
        }
        return out.toString();
    }
}
