package io.smolsnake.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** File-system moves shared by the store and the environments: temporaries, publishing, removal. */
final class FileTrees {
    /** The prefix of a directory being built; never a complete entry or environment. */
    static final String TEMPORARY_PREFIX = ".tmp-";

    private FileTrees() {}

    /** A new, empty temporary directory in {@code parent} (created if absent). */
    static Path newTemporary(Path parent) throws IOException {
        Files.createDirectories(parent);
        return Files.createDirectory(parent.resolve(TEMPORARY_PREFIX + UUID.randomUUID()));
    }

    /**
     * Renames {@code temporary} to {@code target} in one step. Returns false, having removed
     * {@code temporary}, when {@code target} already exists (another worker published it first).
     */
    static boolean publish(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            throw e;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            deleteTree(temporary);
            return false;
        } catch (FileSystemException e) {
            // rename(2) onto a non-empty directory fails with ENOTEMPTY or EEXIST, which the JDK
            // reports as a plain FileSystemException
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(temporary);
                return false;
            }
            throw e;
        }
    }

    /** Removes {@code root} and everything below it, never following links; absent is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfExists(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    /** Removes a temporary directory after a failure, keeping the first failure as the one reported. */
    static void discard(Path temporary, Throwable failure) {
        try {
            deleteTree(temporary);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Removes the temporary directories exactly {@code depth} levels below {@code root} whose
     * last modification is at least {@code olderThan} ago; returns how many were removed.
     */
    static int cleanTemporaries(Path root, int depth, Duration olderThan) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Instant cutoff = Instant.now().minus(olderThan);
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> paths = Files.find(root, depth, (path, attrs) -> attrs.isDirectory()
                && root.relativize(path).getNameCount() == depth
                && path.getFileName().toString().startsWith(TEMPORARY_PREFIX)
                && !attrs.lastModifiedTime().toInstant().isAfter(cutoff))) {
            paths.forEach(stale::add);
        } catch (UncheckedIOException e) {
            // another worker removed a directory while this one listed it; what was found is cleaned
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e.getCause();
            }
        }
        for (Path temporary : stale) {
            deleteTree(temporary);
        }
        return stale.size();
    }

    /** Whether an I/O failure means the file system is full. */
    static boolean isNoSpace(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left on device") || message.contains("Disk quota exceeded");
    }
}
