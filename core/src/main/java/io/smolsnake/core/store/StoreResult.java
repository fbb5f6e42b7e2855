package io.smolsnake.core.store;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.nio.file.Path;
import java.util.List;

/**
 * A wheel in the store.
 *
 * @param key the entry's key
 * @param path the entry's directory
 * @param files how many files the entry holds (its RECORD's lines, RECORD included)
 * @param bytes their total size
 * @param compiled whether the entry holds bytecode
 * @param cached whether the entry was already complete (installed earlier, or by a concurrent worker
 *     that published it first) so this request wrote nothing
 * @param seconds how long the request took
 * @param warnings what the installer reported without failing (empty when cached)
 */
public record StoreResult(StoreKey key, Path path, long files, long bytes, boolean compiled, boolean cached,
        double seconds, List<String> warnings) {
    public StoreResult {
        warnings = List.copyOf(warnings);
    }

    /** The distribution's name. */
    public PackageName name() {
        return key.name();
    }

    /** The distribution's version. */
    public Version version() {
        return key.version();
    }
}
