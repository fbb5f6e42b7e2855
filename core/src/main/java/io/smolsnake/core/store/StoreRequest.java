package io.smolsnake.core.store;

import io.smolsnake.pypackaging.tags.Target;
import java.nio.file.Path;

/**
 * One wheel to put into the store, as the lock file describes it.
 *
 * @param target the runtime and architecture the wheel is installed for
 * @param name the distribution's name in the lock (the wheel's METADATA must agree)
 * @param version the distribution's version in the lock (the wheel's METADATA must agree)
 * @param wheel the downloaded wheel file
 * @param sha256 the wheel's sha256 in the lock
 * @param size the wheel's size in the lock, or {@code -1} when the lock does not record it
 * @param compile whether to compile bytecode (with a local interpreter of the target's Python
 *     version, when one is found)
 */
public record StoreRequest(Target target, String name, String version, Path wheel, String sha256, long size,
        boolean compile) {
    public StoreRequest {
        if (target == null || wheel == null) {
            throw new IllegalArgumentException("a store request needs a target and a wheel file");
        }
        key(target, name, version, sha256);
    }

    /** The entry this wheel installs into. */
    public StoreKey key() {
        return key(target, name, version, sha256);
    }

    private static StoreKey key(Target target, String name, String version, String sha256) {
        return StoreKey.of(target, name, version, sha256);
    }
}
