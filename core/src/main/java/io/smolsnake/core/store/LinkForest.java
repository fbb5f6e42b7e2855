package io.smolsnake.core.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one environment's link forest: every entry's files hard-linked into real directories,
 * its library part into {@code site-packages/} and its {@code bin/}, {@code include/} and
 * {@code data/} beside. Files that several entries install with identical content are linked once;
 * different content at one path is collected as a conflict naming both packages.
 */
final class LinkForest {
    static final String SITE_PACKAGES = "site-packages";
    /** The installer's directories for a wheel's non-library files, merged beside site-packages. */
    static final Set<String> BESIDE = Set.of("bin", "include", "data");

    private final Path root;
    private final Map<String, StoreKey> owners = new HashMap<>();
    private final List<String> conflicts = new ArrayList<>();
    private boolean linkable = true;
    long files;
    long directories;
    long linked;
    long copied;
    long shared;

    LinkForest(Path root) throws IOException {
        this.root = root;
        Files.createDirectory(root.resolve(SITE_PACKAGES));
        directories++;
    }

    /** Conflicts found so far, sorted by path. */
    List<String> conflicts() {
        return conflicts.stream().sorted().toList();
    }

    /** Adds the files of the complete entry {@code entry} for {@code key}. */
    void add(StoreKey key, Path entry) throws IOException {
        Files.walkFileTree(entry, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(entry)) {
                    return FileVisitResult.CONTINUE;
                }
                Path relative = entry.relativize(dir);
                return directory(key, relative) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = entry.relativize(file);
                if (!relative.toString().equals(Markers.ENTRY)) {
                    file(key, file, relative);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private Path target(Path relative) {
        String first = relative.getName(0).toString();
        return BESIDE.contains(first) ? root.resolve(relative) : root.resolve(SITE_PACKAGES).resolve(relative);
    }

    private String shown(Path target) {
        return root.relativize(target).toString();
    }

    /** Makes the directory for {@code relative}; false when a file of another entry is there. */
    private boolean directory(StoreKey key, Path relative) throws IOException {
        Path target = target(relative);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            conflicts.add(shown(target) + ": a directory in " + name(key) + ", a file in "
                    + name(owners.get(shown(target))));
            return false;
        }
        Files.createDirectory(target);
        owners.put(shown(target), key);
        directories++;
        return true;
    }

    private void file(StoreKey key, Path source, Path relative) throws IOException {
        Path target = target(relative);
        try {
            place(source, target);
            owners.put(shown(target), key);
            files++;
        } catch (FileAlreadyExistsException e) {
            StoreKey owner = owners.get(shown(target));
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                conflicts.add(shown(target) + ": a file in " + name(key) + ", a directory in " + name(owner));
            } else if (Files.isSameFile(source, target) || Files.mismatch(source, target) == -1L) {
                shared++;
            } else {
                conflicts.add(shown(target) + ": " + name(owner) + " and " + name(key)
                        + " install different content");
            }
        }
    }

    /** Hard-links {@code source} at {@code target}, or copies it where links are impossible. */
    private void place(Path source, Path target) throws IOException {
        if (linkable) {
            try {
                Files.createLink(target, source);
                linked++;
                return;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (FileSystemException e) {
                String reason = String.valueOf(e.getReason());
                if (reason.contains("Too many links")) {
                    copy(source, target);
                    return;
                }
                if (!(reason.contains("cross-device") || reason.contains("not permitted")
                        || reason.contains("not supported"))) {
                    throw e;
                }
                linkable = false;
            } catch (UnsupportedOperationException e) {
                linkable = false;
            }
        }
        copy(source, target);
    }

    private void copy(Path source, Path target) throws IOException {
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        copied++;
    }

    private static String name(StoreKey key) {
        return key == null ? "another package" : key.name().normalized() + " " + key.version();
    }
}
