package io.smolsnake.core.stage;

import io.smolsnake.core.store.EnvResult;

/**
 * What the install worker answers for a {@link LinkMessage} ({@code SendTaskSuccess}'s output, as
 * JSON).
 *
 * @param digest the lock digest naming the environment
 * @param path the environment's directory (its {@code paths.txt} lists what goes on {@code sys.path})
 * @param files files in the environment
 * @param linked files hard-linked from the store
 * @param copied files copied because the file system could not link them
 * @param cached whether the environment was already complete
 * @param seconds how long the assembly took
 * @param nativeFiles whether the environment has {@code bin/} or {@code lib/} files, so the function
 *     needs the exec wrapper that puts them on {@code PATH}/{@code LD_LIBRARY_PATH}
 */
public record LinkResult(String digest, String path, long files, long linked, long copied, boolean cached,
        double seconds, boolean nativeFiles) {

    /** The result for an assembled environment. */
    public static LinkResult of(EnvResult result) {
        return new LinkResult(result.digest(), result.path().toString(), result.files(), result.linked(),
                result.copied(), result.cached(), result.seconds(),
                io.smolsnake.core.bootstrap.Bootstrap.hasNativeFiles(result.path()));
    }
}
