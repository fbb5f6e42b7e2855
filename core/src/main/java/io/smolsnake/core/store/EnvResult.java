package io.smolsnake.core.store;

import java.nio.file.Path;
import java.util.List;

/**
 * An assembled environment, with how much work its assembly was (a benchmark divides
 * {@code seconds} by {@code files}).
 *
 * @param digest the lock digest naming it
 * @param layout how it puts its entries on {@code sys.path}
 * @param path its directory
 * @param sysPath what to pass to {@code site.addsitedir}, in order (also in {@code paths.txt},
 *     relative to {@code path})
 * @param files files in the environment (for {@link EnvLayout#SYS_PATH}: in the entries it lists)
 * @param directories directories created
 * @param linked files hard-linked from the store
 * @param copied files copied because the file system could not link them
 * @param shared files that several entries install with identical content (linked once)
 * @param cached whether the environment was already complete, so nothing was written
 * @param seconds how long the assembly took (for one from {@link Environments#begin}: the time spent
 *     linking, summed over the threads that added entries, and publishing)
 */
public record EnvResult(String digest, EnvLayout layout, Path path, List<Path> sysPath, long files,
        long directories, long linked, long copied, long shared, boolean cached, double seconds) {
    public EnvResult {
        sysPath = List.copyOf(sysPath);
    }
}
