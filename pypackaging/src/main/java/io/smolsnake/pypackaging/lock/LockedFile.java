package io.smolsnake.pypackaging.lock;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A file recorded in a lock with the hashes that verify it: a wheel, an sdist or an archive.
 * Exactly one of {@link #url()} and {@link #path()} is usually set (both may be).
 */
public sealed interface LockedFile permits LockedWheel, LockedSdist, LockedArchive {
    /** The file name as written, or null when it is the last component of the URL or path. */
    String name();

    /** Where to download the file from, or null. */
    String url();

    /** A local path (relative to the lock file when relative), or null. */
    String path();

    /** The size in bytes, or null when unknown. */
    Long size();

    /** When the file was uploaded to its index (UTC), or null. */
    OffsetDateTime uploadTime();

    /** Hash algorithm to lower-case hex digest, sorted by algorithm; never empty. */
    Map<String, String> hashes();

    /** The file name: {@link #name()} when given, otherwise the last component of the URL or path. */
    default String fileName() {
        if (name() != null) {
            return name();
        }
        String where = url() != null ? url() : path();
        if (where == null) {
            return "";
        }
        String noQuery = where.replaceFirst("[?#].*$", "");
        int slash = Math.max(noQuery.lastIndexOf('/'), noQuery.lastIndexOf('\\'));
        return noQuery.substring(slash + 1);
    }

    /** The sha256 digest (lower-case hex), or null when the lock records none. */
    default String sha256() {
        return hashes().get("sha256");
    }
}
