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
 */
public record InstallResult(PackageName name, Version version, List<String> files, long bytes, boolean compiled,
        List<String> warnings) {
    public InstallResult {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
