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

/**
 * Builds one environment's link forest: every entry's files hard-linked into real directories,
 * laid out as {@code pip install --target} lays out one directory (what a Lambda deployment package
 * holds), except that scripts sit in {@code bin/} beside {@code site-packages/} rather than in it:
 * <ul>
 * <li>the entry's library files, its top: {@code site-packages/}</li>
 * <li>its {@code bin/} (scripts and launchers): {@code bin/}</li>
 * <li>its {@code data/} ({@code .data/data}): the top of {@code site-packages/}, where pip's
 *     {@code --target} puts data files</li>
 * <li>its {@code include/<name>/} ({@code .data/headers}): {@code site-packages/include/python/<name>/},
 *     pip's {@code --target} place for headers</li>
 * </ul>
 * Files that several entries install with identical content are linked once; different content at
 * one path is collected as a conflict naming both packages.
 */
final class LinkForest {
    static final String SITE_PACKAGES = "site-packages";
    /** The installer's directory for scripts, merged beside site-packages. */
    static final String BIN = "bin";
    /** The installer's directory for data files, merged into the top of site-packages. */
    static final String DATA = "data";
    /** The installer's directory for headers, merged into {@link #HEADERS} in site-packages. */
    static final String INCLUDE = "include";
    static final String HEADERS = "include/python";

    private final Path root;
    private final Map<String, StoreKey> owners = new HashMap<>();
    private final List<String> conflicts = new ArrayList<>();
    private boolean linkable = true;
    private List<String> schemes = List.of();
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

    /**
     * Adds the files of the complete entry {@code entry} for {@code key}, whose top-level
     * {@code schemeDirectories} hold scripts, headers or data (a top-level directory of another
     * name, or of one of those names not listed, is a library directory).
     */
    void add(StoreKey key, Path entry, List<String> schemeDirectories) throws IOException {
        this.schemes = schemeDirectories;
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
        Path site = root.resolve(SITE_PACKAGES);
        Path rest = relative.getNameCount() > 1 ? relative.subpath(1, relative.getNameCount()) : null;
        String first = relative.getName(0).toString();
        if (!schemes.contains(first)) {
            return site.resolve(relative);
        }
        return switch (first) {
            case BIN -> root.resolve(relative);
            case DATA -> rest == null ? site : site.resolve(rest);
            case INCLUDE -> rest == null ? site.resolve(HEADERS) : site.resolve(HEADERS).resolve(rest);
            default -> site.resolve(relative);
        };
    }

    private String shown(Path target) {
        return root.relativize(target).toString();
    }

    /** Makes the directory for {@code relative}; false when a file of another entry is there. */
    private boolean directory(StoreKey key, Path relative) throws IOException {
        Path target = target(relative);
        if (relative.getNameCount() == 1 && target.endsWith(HEADERS) && !makeDirectory(key, target.getParent())) {
            return false; // site-packages/include, then include/python
        }
        return makeDirectory(key, target);
    }

    private boolean makeDirectory(StoreKey key, Path target) throws IOException {
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
