package io.smolsnake.pypackaging.wheel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one directory a wheel is unpacked into (a store entry: exactly what {@code site-packages}
 * would receive). It starts empty, only ever gains regular files and directories, and refuses any
 * path that would leave it, including through a symbolic link.
 */
public final class Destination {
    private static final Set<OpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final FileAttribute<?> EXECUTABLE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwxrwxrwx"));

    private final Path root;
    private final boolean posix;
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();

    private Destination(Path root) {
        this.root = root;
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        directories.add(root);
    }

    /**
     * The directory {@code root}, created if absent.
     *
     * @throws IOException when {@code root} is not an empty directory (or is a symbolic link)
     */
    public static Destination create(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(absolute)) {
            throw new IOException("destination " + absolute + " is a symbolic link");
        }
        if (!Files.exists(absolute)) {
            Files.createDirectories(absolute);
        } else if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotDirectoryException(absolute.toString());
        } else {
            try (var entries = Files.list(absolute)) {
                if (entries.findAny().isPresent()) {
                    throw new DirectoryNotEmptyException(absolute + " (a wheel installs into an empty directory)");
                }
            }
        }
        return new Destination(absolute);
    }

    /** The directory's absolute path. */
    public Path root() {
        return root;
    }

    /** A new file at {@code relative} ({@code /}-separated), its parents created as needed. */
    OutputStream newFile(String relative, boolean executable) throws IOException {
        Path target = resolve(relative);
        ensureDirectory(target.getParent());
        var channel = executable && posix
                ? Files.newByteChannel(target, NEW_FILE, EXECUTABLE)
                : Files.newByteChannel(target, NEW_FILE);
        return Channels.newOutputStream(channel);
    }

    /** Writes a small file whole. */
    void write(String relative, byte[] content) throws IOException {
        try (OutputStream out = newFile(relative, false)) {
            out.write(content);
        }
    }

    /** {@code relative} inside the destination, or an {@link UnsafePathException}. */
    Path resolve(String relative) throws UnsafePathException {
        Path target = root.resolve(relative).normalize();
        if (relative.isEmpty() || relative.startsWith("/") || !target.startsWith(root) || target.equals(root)) {
            throw new UnsafePathException(relative + " would be written outside the destination");
        }
        return target;
    }

    private void ensureDirectory(Path dir) throws IOException {
        if (directories.contains(dir)) {
            return;
        }
        ensureDirectory(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (Files.isSymbolicLink(dir)) {
                throw new UnsafePathException(root.relativize(dir)
                        + " is a symbolic link: writing through it could leave the destination");
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafePathException(root.relativize(dir) + " is a file, not a directory");
            }
        }
        directories.add(dir);
    }

    /** Removes everything below the root (never following links), leaving it empty. */
    void clear() throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!dir.equals(root)) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        directories.clear();
        directories.add(root);
    }

    /** A path that would leave the destination. */
    static final class UnsafePathException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsafePathException(String message) {
            super(message);
        }
    }
}
