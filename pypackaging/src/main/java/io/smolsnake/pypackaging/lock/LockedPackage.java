package io.smolsnake.pypackaging.lock;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code [[packages]]} entry of a lock. Only {@code name} is required; every other component
 * is null (or empty) when the lock does not record it. The sources are mutually exclusive as PEP
 * 751 says: {@code vcs}, {@code directory} or {@code archive}, or else {@code sdist} and/or
 * {@code wheels}; {@link Lock#parse} enforces that for files it reads.
 *
 * <p>{@code marker} and {@code requiresPython} are kept as written (PEP 508 marker, PEP 440
 * specifier set) for the requirement and specifier parsers to read. {@code dependencies},
 * {@code attestationIdentities} and {@code tool} are free-form TOML tables.
 */
public record LockedPackage(PackageName name, Version version, String marker, String requiresPython,
        List<Map<String, Object>> dependencies, LockedVcs vcs, LockedDirectory directory,
        LockedArchive archive, String index, LockedSdist sdist, List<LockedWheel> wheels,
        List<Map<String, Object>> attestationIdentities, Map<String, Object> tool) {

    private static final Comparator<LockedWheel> BY_FILE_NAME = Comparator.comparing(LockedWheel::fileName)
            .thenComparing(w -> Objects.toString(w.url(), ""))
            .thenComparing(w -> Objects.toString(w.path(), ""));

    public LockedPackage {
        Objects.requireNonNull(name, "name");
        dependencies = TomlValues.tables(dependencies);
        wheels = wheels == null ? List.of() : wheels.stream().sorted(BY_FILE_NAME).toList();
        attestationIdentities = TomlValues.tables(attestationIdentities);
        tool = TomlValues.table(tool);
    }

    /** A package installed from wheels found on {@code index} (the usual entry smolsnake writes). */
    public static LockedPackage ofWheels(PackageName name, Version version, String index, List<LockedWheel> wheels) {
        return new LockedPackage(name, version, null, null, null, null, null, null, index, null, wheels, null, null);
    }

    /** This entry with its {@code marker} (null for none). */
    public LockedPackage withMarker(String marker) {
        return new LockedPackage(name, version, marker, requiresPython, dependencies, vcs, directory, archive,
                index, sdist, wheels, attestationIdentities, tool);
    }

    /** This entry with its {@code requires-python} (null for none). */
    public LockedPackage withRequiresPython(String requiresPython) {
        return new LockedPackage(name, version, marker, requiresPython, dependencies, vcs, directory, archive,
                index, sdist, wheels, attestationIdentities, tool);
    }

    /** This entry with its sdist (null for none). */
    public LockedPackage withSdist(LockedSdist sdist) {
        return new LockedPackage(name, version, marker, requiresPython, dependencies, vcs, directory, archive,
                index, sdist, wheels, attestationIdentities, tool);
    }

    /** This entry with its (informational) direct dependencies, e.g. {@code {name = "numpy"}}. */
    public LockedPackage withDependencies(List<? extends Map<String, ?>> dependencies) {
        return new LockedPackage(name, version, marker, requiresPython, TomlValues.tables(dependencies), vcs,
                directory, archive, index, sdist, wheels, attestationIdentities, tool);
    }
}
