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
import java.util.function.Supplier;

/**
 * What locking needs to know of a local wheel file (its sha256, as a find-links directory lists no
 * hashes; the size it unpacks to, for the summary), remembered on disk by path, size, modification
 * time and file key, so that locking again does not read a two-gigabyte wheel again nor its central
 * directory. A file whose size, time or identity changed is read again; a cache that cannot be
 * written is skipped.
 */
final class LocalFileFacts {
    private static final String FORMAT = "smolsnake-local-file 2";
    private static final String SIZE_FORMAT = "smolsnake-local-file installed-size 1";

    private final Path dir;
    private final Map<Path, String> seen = new ConcurrentHashMap<>();
    private final Map<Path, String> sizes = new ConcurrentHashMap<>();

    /** @param cacheDir the lock cache's root, or null to remember nothing on disk */
    LocalFileFacts(Path cacheDir) {
        this.dir = cacheDir == null ? null : cacheDir.resolve("local-files");
    }

    /** The file's sha256, from the cache when still valid. */
    String sha256(Path file) {
        Path path = file.toAbsolutePath().normalize();
        return seen.computeIfAbsent(path, p -> remembered(p, FORMAT, p.toString(), "[0-9a-f]{64}",
                () -> WheelFacts.sha256(p)));
    }

    /** What the wheel's members add up to unpacked (-1 when its central directory does not say), from the cache when still valid. */
    long installedSize(Path file) {
        Path path = file.toAbsolutePath().normalize();
        return Long.parseLong(sizes.computeIfAbsent(path, p -> remembered(p, SIZE_FORMAT, "installed-size\0" + p,
                "-1|[0-9]{1,18}", () -> Long.toString(WheelFacts.installedSize(p)))));
    }

    private String remembered(Path path, String format, String key, String valid, Supplier<String> compute) {
        String stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            stamp = a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " " + a.fileKey();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        Path entry = dir == null ? null : dir.resolve(CacheFiles.key(key));
        if (entry != null) {
            try {
                String[] lines = Files.readString(entry, StandardCharsets.UTF_8).split("\n");
                if (lines.length == 4 && lines[0].equals(format) && lines[1].equals(path.toString())
                        && lines[2].equals(stamp) && lines[3].matches(valid)) {
                    return lines[3];
                }
            } catch (IOException | RuntimeException e) {
                // missing or damaged: read the file
            }
        }
        String value = compute.get();
        // a file changed within the file system's time resolution could change again unseen with the
        // same size and time (as git's "racily clean" index entries): such a file is not remembered
        if (entry != null && !racy(path)) {
            CacheFiles.write(entry, (format + "\n" + path + "\n" + stamp + "\n" + value + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return value;
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
