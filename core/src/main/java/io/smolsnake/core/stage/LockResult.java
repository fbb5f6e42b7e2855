package io.smolsnake.core.stage;

import java.util.List;

/**
 * The Lock stage's output.
 *
 * @param digest the lock's digest: the environment's name on EFS
 * @param lock where {@code pylock.toml} was written
 * @param plan where the install plan (this record, as JSON) was written
 * @param packages how many packages are locked
 * @param cached how many of them are complete in the store already
 * @param install the wheels the store lacks, one Install map item each
 * @param entries every locked package as the Link step needs it (name, version, sha256)
 * @param environment the environment's path under the store root
 * @param environmentReady whether that environment is assembled already (nothing to install or link)
 * @param nativeFiles whether that ready environment has native files (the exec wrapper is needed)
 */
public record LockResult(String digest, String runtime, String arch, S3Location lock, S3Location plan, int packages,
        int cached, List<InstallItem> install, List<Entry> entries, String environment, boolean environmentReady,
        boolean nativeFiles) {

    /** A locked package, for the Link step. */
    public record Entry(String name, String version, String sha256) {}

    public LockResult {
        install = List.copyOf(install);
        entries = List.copyOf(entries);
    }
}
