package io.smolsnake.pypackaging.wheel;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.util.List;

/**
 * What an installation wrote.
 *
 * @param name the distribution's name (from METADATA)
 * @param version the distribution's version (from METADATA)
 * @param files every file written, relative to the destination with {@code /} separators, sorted
 *     (as listed in the fresh RECORD, RECORD itself included)
 * @param bytes the total size of those files
 * @param compiled whether bytecode was compiled (and its {@code .pyc} files are in {@code files})
 * @param warnings things a user may want to know that did not stop the installation
 * @param schemeDirectories the top-level directories of the destination that hold the wheel's
 *     scripts ({@code bin}), headers ({@code include}) or data files ({@code data}) rather than
 *     library files, sorted: a wheel may also have a package of one of those names at its root
 */
public record InstallResult(PackageName name, Version version, List<String> files, long bytes, boolean compiled,
        List<String> warnings, List<String> schemeDirectories) {
    public InstallResult {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
        schemeDirectories = List.copyOf(schemeDirectories);
    }
}
