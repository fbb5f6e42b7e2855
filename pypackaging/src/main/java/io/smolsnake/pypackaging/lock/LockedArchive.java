package io.smolsnake.pypackaging.lock;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A direct reference to an archive ({@code [packages.archive]}), built from {@code subdirectory}
 * when that is set. PEP 751 gives an archive no {@code name}: its name is the last component of
 * its URL or path.
 */
public record LockedArchive(String url, String path, Long size, OffsetDateTime uploadTime,
        Map<String, String> hashes, String subdirectory) implements LockedFile {
    public LockedArchive {
        hashes = Files.hashes(hashes);
        uploadTime = Files.utc(uploadTime);
    }

    @Override
    public String name() {
        return null;
    }
}
