package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.CacheFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The sha256 of local wheel files (a find-links directory lists no hashes), remembered on disk by path, size, modification time and file key, so that locking again does not
 * read a two-gigabyte wheel again. A file whose size, time or identity changed is read again; a
 * cache that cannot be written is skipped.
 */
final class LocalFileFacts {
    private static final String FORMAT = "smolsnake-local-file 2";

    private final Path dir;
    private final Map<Path, String> seen = new ConcurrentHashMap<>();

    /** @param cacheDir the lock cache's root, or null to remember nothing on disk */
    LocalFileFacts(Path cacheDir) {
        this.dir = cacheDir == null ? null : cacheDir.resolve("local-files");
    }

    /** The file's sha256, from the cache when still valid. */
    String sha256(Path file) {
        Path path = file.toAbsolutePath().normalize();
        return seen.computeIfAbsent(path, this::read);
    }

    private String read(Path path) {
        String stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            stamp = a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " " + a.fileKey();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        Path entry = dir == null ? null : dir.resolve(CacheFiles.key(path.toString()));
        if (entry != null) {
            try {
                String[] lines = Files.readString(entry, StandardCharsets.UTF_8).split("\n");
                if (lines.length == 4 && lines[0].equals(FORMAT) && lines[1].equals(path.toString())
                        && lines[2].equals(stamp) && lines[3].matches("[0-9a-f]{64}")) {
                    return lines[3];
                }
            } catch (IOException | RuntimeException e) {
                // missing or damaged: read the file
            }
        }
        String sha256 = WheelFacts.sha256(path);
        // a file changed within the file system's time resolution could change again unseen with the
        // same size and time (as git's "racily clean" index entries): such a file is not remembered
        if (entry != null && !racy(path)) {
            CacheFiles.write(entry, (FORMAT + "\n" + path + "\n" + stamp + "\n" + sha256 + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return sha256;
    }

    private static boolean racy(Path path) {
        try {
            long modified = Files.getLastModifiedTime(path).toMillis();
            return System.currentTimeMillis() - modified < 2000;
        } catch (IOException e) {
            return true;
        }
    }
}
