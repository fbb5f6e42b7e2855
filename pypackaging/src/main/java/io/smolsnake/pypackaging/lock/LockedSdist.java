package io.smolsnake.pypackaging.lock;

import java.time.OffsetDateTime;
import java.util.Map;

/** The source distribution of a locked package ({@code [packages.sdist]}). */
public record LockedSdist(String name, String url, String path, Long size, OffsetDateTime uploadTime,
        Map<String, String> hashes) implements LockedFile {
    public LockedSdist {
        hashes = Files.hashes(hashes);
        uploadTime = Files.utc(uploadTime);
    }

    /** A file found on an index: its name, URL, size and sha256. */
    public static LockedSdist of(String name, String url, long size, String sha256) {
        return new LockedSdist(name, url, null, size, null, Map.of("sha256", sha256));
    }
}
