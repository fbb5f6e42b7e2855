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
 */
public record LinkResult(String digest, String path, long files, long linked, long copied, boolean cached,
        double seconds) {

    /** The result for an assembled environment. */
    public static LinkResult of(EnvResult result) {
        return new LinkResult(result.digest(), result.path().toString(), result.files(), result.linked(),
                result.copied(), result.cached(), result.seconds());
    }
}
