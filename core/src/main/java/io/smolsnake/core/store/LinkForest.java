package io.smolsnake.core.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

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
 *
 * <p>Entries may be added from several threads at once (each as soon as it is published): every
 * path is claimed in memory before the file system is touched, so the first claim decides what
 * the path is, a directory another thread is still creating is waited for, and a conflict names
 * both packages in the lock's order whichever thread came first.
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

    /** Files per linking thread: an entry with fewer is linked by the calling thread alone. */
    static final int FILES_PER_THREAD = 256;
    /** Most threads linking one entry. */
    static final int MAX_THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final Path root;
    private final Path site;
    /** Each entry's place in the lock: conflicts name the earlier package first. */
    private final Map<StoreKey, Integer> order = new HashMap<>();
    /** What each path of the forest is, by whom; guarded by itself. */
    private final Map<Path, Claim> claims = new HashMap<>();
    private final List<String> conflicts = new ArrayList<>();
    private volatile boolean linkable = true;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong directories = new AtomicLong();
    private final AtomicLong linked = new AtomicLong();
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();

    /** A forest at {@code root} (an empty directory) for {@code entries}, in the lock's order. */
    LinkForest(Path root, List<StoreKey> entries) throws IOException {
        this.root = root;
        this.site = root.resolve(SITE_PACKAGES);
        for (StoreKey key : entries) {
            order.putIfAbsent(key, order.size());
        }
        Files.createDirectory(site);
        directories.incrementAndGet();
        CompletableFuture<Void> made = CompletableFuture.completedFuture(null);
        claims.put(site, new Claim(null, null, made));
        claims.put(root, new Claim(null, null, made));
    }

    /** Conflicts found so far, sorted by path. */
    List<String> conflicts() {
        synchronized (conflicts) {
            return conflicts.stream().sorted().toList();
        }
    }

    long files() {
        return files.get();
    }

    long directories() {
        return directories.get();
    }

    long linked() {
        return linked.get();
    }

    long copied() {
        return copied.get();
    }

    long shared() {
        return shared.get();
    }

    /**
     * Adds the files of the complete entry {@code entry} for {@code key}, whose top-level
     * {@code schemeDirectories} hold scripts, headers or data (a top-level directory of another
     * name, or of one of those names not listed, is a library directory). Safe to call from
     * several threads, for different entries.
     */
    void add(StoreKey key, Path entry, List<String> schemeDirectories) throws IOException {
        add(key, entry, schemeDirectories, 0);
    }

    /**
     * As {@link #add(StoreKey, Path, List)} for an entry of {@code files} files: one with many is
     * linked by several threads, each taking whole directories (a big entry is often the last to
     * finish, with its linking alone on the critical path and the other cores idle).
     */
    void add(StoreKey key, Path entry, List<String> schemeDirectories, long files) throws IOException {
        int threads = (int) Math.min(MAX_THREADS, files / FILES_PER_THREAD);
        if (threads > 1) {
            new ParallelAdd(key, entry, schemeDirectories).run(threads);
            return;
        }
        Files.walkFileTree(entry, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(entry)) {
                    return FileVisitResult.CONTINUE;
                }
                Path relative = entry.relativize(dir);
                return directory(key, relative, schemeDirectories) ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = entry.relativize(file);
                if (!relative.toString().equals(Markers.ENTRY)) {
                    file(key, file, target(relative, schemeDirectories));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * One entry's files linked by several threads: a thread lists a directory, links its files and
     * queues its subdirectories once it made them, so a directory exists before anything in it is
     * linked; what the single-threaded walk does, in another order (claims make the result the same).
     */
    private final class ParallelAdd {
        private final StoreKey key;
        private final Path entry;
        private final List<String> schemes;
        private final Deque<Path> pending = new ArrayDeque<>();
        /** Directories being listed; guarded by {@link #pending}. */
        private int listing;
        private Throwable failed;

        ParallelAdd(StoreKey key, Path entry, List<String> schemes) {
            this.key = key;
            this.entry = entry;
            this.schemes = schemes;
            pending.add(entry);
        }

        void run(int threads) throws IOException {
            List<Thread> helpers = new ArrayList<>();
            for (int t = 1; t < threads; t++) {
                Thread helper = new Thread(this::work, "link-forest");
                helper.setDaemon(true);
                helper.start();
                helpers.add(helper);
            }
            work();
            boolean interrupted = false;
            for (Thread helper : helpers) {
                while (helper.isAlive()) {
                    try {
                        helper.join();
                    } catch (InterruptedException e) {
                        interrupted = true; // the helpers end by themselves: nothing may link after we return
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while linking " + entry);
            }
            synchronized (pending) {
                if (failed instanceof IOException io) {
                    throw io;
                }
                if (failed instanceof RuntimeException e) {
                    throw e;
                }
                if (failed instanceof Error e) {
                    throw e;
                }
            }
        }

        private void work() {
            for (Path directory; (directory = next()) != null; ) {
                try {
                    list(directory);
                } catch (IOException | RuntimeException | Error e) { // an Error too: else a part is missing unseen
                    synchronized (pending) {
                        if (failed == null) {
                            failed = e;
                        }
                    }
                } finally {
                    synchronized (pending) {
                        listing--;
                        pending.notifyAll();
                    }
                }
            }
        }

        /** The next directory to list; null once there is none and none is being listed, or one failed. */
        private Path next() {
            synchronized (pending) {
                while (pending.isEmpty() && listing > 0 && failed == null) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        failed = new InterruptedIOException("interrupted while linking " + entry);
                        Thread.currentThread().interrupt();
                    }
                }
                if (pending.isEmpty() || failed != null) {
                    return null;
                }
                listing++;
                return pending.poll();
            }
        }

        private void list(Path directory) throws IOException {
            List<Path> subdirectories = new ArrayList<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
                for (Path child : children) {
                    Path relative = entry.relativize(child);
                    BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isDirectory()) {
                        if (directory(key, relative, schemes)) {
                            subdirectories.add(child);
                        }
                    } else if (!relative.toString().equals(Markers.ENTRY)) {
                        file(key, child, target(relative, schemes));
                    }
                }
            }
            if (!subdirectories.isEmpty()) {
                synchronized (pending) {
                    pending.addAll(subdirectories);
                    pending.notifyAll();
                }
            }
        }
    }

    private Path target(Path relative, List<String> schemes) {
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
    private boolean directory(StoreKey key, Path relative, List<String> schemes) throws IOException {
        Path target = target(relative, schemes);
        if (relative.getNameCount() == 1 && target.endsWith(HEADERS) && !makeDirectory(key, target.getParent())) {
            return false; // site-packages/include, then include/python
        }
        return makeDirectory(key, target);
    }

    private boolean makeDirectory(StoreKey key, Path target) throws IOException {
        CompletableFuture<Void> made = new CompletableFuture<>();
        Claim claim;
        synchronized (claims) {
            claim = claims.putIfAbsent(target, new Claim(key, null, made));
        }
        if (claim == null) {
            try {
                Files.createDirectory(target);
                directories.incrementAndGet();
                made.complete(null);
                return true;
            } catch (IOException | RuntimeException e) {
                made.completeExceptionally(e);
                throw e;
            }
        }
        if (claim.source() != null) {
            conflict(directoryAgainstFile(target, key, claim.key()));
            return false;
        }
        await(claim.made()); // another entry's thread may still be creating it
        return true;
    }

    private void file(StoreKey key, Path source, Path target) throws IOException {
        CompletableFuture<Void> made = new CompletableFuture<>();
        Claim claim;
        synchronized (claims) {
            claim = claims.putIfAbsent(target, new Claim(key, source, made));
        }
        if (claim == null) {
            try {
                place(source, target);
                files.incrementAndGet();
                made.complete(null);
                return;
            } catch (IOException | RuntimeException e) {
                made.completeExceptionally(e);
                throw e;
            }
        }
        if (claim.source() == null) {
            conflict(directoryAgainstFile(target, claim.key(), key));
        } else if (Files.isSameFile(source, claim.source()) || Files.mismatch(source, claim.source()) == -1L) {
            shared.incrementAndGet();
        } else {
            StoreKey first = rank(claim.key()) <= rank(key) ? claim.key() : key;
            StoreKey second = first == key ? claim.key() : key;
            conflict(shown(target) + ": " + name(first) + " and " + name(second) + " install different content");
        }
    }

    /** The two packages in the lock's order, whichever thread came first. */
    private String directoryAgainstFile(Path target, StoreKey directoryIn, StoreKey fileIn) {
        return rank(directoryIn) <= rank(fileIn)
                ? shown(target) + ": a directory in " + name(directoryIn) + ", a file in " + name(fileIn)
                : shown(target) + ": a file in " + name(fileIn) + ", a directory in " + name(directoryIn);
    }

    private int rank(StoreKey key) {
        return order.getOrDefault(key, Integer.MAX_VALUE);
    }

    private void conflict(String message) {
        synchronized (conflicts) {
            conflicts.add(message);
        }
    }

    private static void await(CompletableFuture<Void> made) throws IOException {
        try {
            made.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a directory");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException("another entry could not create a directory: " + io.getMessage(), io);
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Hard-links {@code source} at {@code target}, or copies it where links are impossible. */
    private void place(Path source, Path target) throws IOException {
        if (linkable) {
            try {
                Files.createLink(target, source);
                linked.incrementAndGet();
                return;
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
        copied.incrementAndGet();
    }

    private static String name(StoreKey key) {
        return key == null ? "another package" : key.name().normalized() + " " + key.version();
    }

    /**
     * What one path of the forest is: a directory ({@code source} null) or the file linked from
     * {@code source}, claimed by {@code key} (null: the forest's own), done when {@code made} is.
     */
    private record Claim(StoreKey key, Path source, CompletableFuture<Void> made) {}
}
