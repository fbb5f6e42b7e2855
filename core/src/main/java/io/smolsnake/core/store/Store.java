package io.smolsnake.core.store;

import io.smolsnake.core.store.StoreException.Kind;
import io.smolsnake.pypackaging.tags.HostTarget;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.wheel.BytecodeCompilers;
import io.smolsnake.pypackaging.wheel.Destination;
import io.smolsnake.pypackaging.wheel.ExpectedDigest;
import io.smolsnake.pypackaging.wheel.InstallOptions;
import io.smolsnake.pypackaging.wheel.InstallResult;
import io.smolsnake.pypackaging.wheel.WheelInstallException;
import io.smolsnake.pypackaging.wheel.WheelInstaller;
import io.smolsnake.pypackaging.wheel.WheelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shared store of installed wheels (on EFS; locally a directory): one directory per wheel at
 * {@code <root>/store/<platform>/<name>/<version>/<first 16 hex of sha256>/}, holding what the
 * installer lays out (see {@code io.smolsnake.pypackaging.wheel}) and a completion marker.
 *
 * <p>An entry is built in a temporary sibling ({@code .tmp-<uuid>}) and published by one atomic
 * rename, so it is either absent or complete, and a complete entry is never modified. Workers
 * (threads or processes, on one machine or sharing the file system) may install the same wheel
 * at once: one rename wins, the others discard their work and report the entry as cached.
 *
 * <p>Bytecode is compiled by long-lived Python processes the store starts when first needed, a
 * few of them as it begins the first entry it compiles (at most one per core and interpreter,
 * shared by the installs running at once);
 * {@link #close} ends them. A store that is not closed ends them when the JVM exits, and a process
 * idle for a minute exits by itself.
 */
public final class Store implements AutoCloseable {
    /** Temporaries older than this are taken to be left by a crashed worker. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(6);
    static final String STORE_DIR = "store";

    private final Path root;
    private final Path entries;
    private final Interpreters interpreters;
    private final BytecodeCompilers compilers = new BytecodeCompilers();
    private final java.util.Set<String> prepared = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Store(Path root, Interpreters interpreters) {
        this.root = root.toAbsolutePath().normalize();
        this.entries = this.root.resolve(STORE_DIR);
        this.interpreters = interpreters;
    }

    /**
     * The store under {@code root}, created if absent, after removing temporaries older than
     * {@link #DEFAULT_STALE_AFTER}.
     *
     * @throws StoreException {@link Kind#IO_ERROR} when the directory cannot be created or listed
     */
    public static Store open(Path root) {
        return open(root, DEFAULT_STALE_AFTER);
    }

    /**
     * The store under {@code root}, after removing temporaries at least {@code staleAfter} old
     * ({@link Duration#ZERO}: all of them, for a worker that knows no other worker is running).
     */
    public static Store open(Path root, Duration staleAfter) {
        Store store = new Store(root, new Interpreters(System.getenv("PATH")));
        try {
            Files.createDirectories(store.entries);
        } catch (IOException e) {
            throw failure(store.root.toString(), "cannot create the store", e);
        }
        store.cleanTemporaries(staleAfter);
        return store;
    }

    /**
     * The store under {@code root} for reading only (the lock stage mounts EFS read-only): nothing
     * is created or cleaned, and {@link #install} is not for this view.
     */
    public static Store readOnly(Path root) {
        return new Store(root, new Interpreters(System.getenv("PATH")));
    }

    /** The directory holding {@code store/} (and, usually, {@code envs/}). */
    public Path root() {
        return root;
    }

    /** Where the entry for {@code key} is (or would be). */
    public Path entryPath(StoreKey key) {
        return entries.resolve(key.relativePath());
    }

    /** Whether the entry for {@code key} is complete (published, with its marker). */
    public boolean isComplete(StoreKey key) {
        return Markers.readEntry(entryPath(key), key).isPresent();
    }

    /**
     * Removes temporaries at least {@code olderThan} old (left by crashed workers); returns how many.
     *
     * @throws StoreException {@link Kind#IO_ERROR} when the store cannot be listed or cleaned
     */
    public int cleanTemporaries(Duration olderThan) {
        try {
            return FileTrees.cleanTemporaries(entries, 4, olderThan);
        } catch (IOException e) {
            throw failure(entries.toString(), "cannot remove stale temporary directories", e);
        }
    }

    /**
     * Installs the request's wheel into its entry, or returns at once when the entry is complete.
     *
     * @throws StoreException with a {@link Kind} saying why; no entry and no temporary is left
     */
    public StoreResult install(StoreRequest request) {
        long start = System.nanoTime();
        StoreKey key = request.key();
        Path entry = entryPath(key);
        Optional<Markers.Entry> existing = Markers.readEntry(entry, key);
        if (existing.isPresent()) {
            return cached(existing.get(), entry, start);
        }
        if (request.compile()) {
            prepareCompiling(request.target());
        }
        String wheel = String.valueOf(request.wheel().getFileName());
        Path temporary;
        try {
            temporary = FileTrees.newTemporary(entry.getParent());
        } catch (IOException e) {
            throw failure(wheel, "cannot create a temporary directory in " + entry.getParent(), e);
        }
        try {
            InstallResult installed = unpack(request, temporary);
            List<String> warnings = new ArrayList<>(installed.warnings());
            boolean compiled = installed.compiled();
            if (request.compile() && !compiled) {
                warnings.add("no local python" + request.target().python()
                        + " was found on PATH to compile bytecode; the entry holds none");
            }
            Markers.Entry marker = new Markers.Entry(key, installed.files().size(), installed.bytes(), compiled,
                    installed.schemeDirectories());
            Markers.writeEntry(temporary, marker);
            if (!FileTrees.publish(temporary, entry)) {
                return Markers.readEntry(entry, key).map(m -> cached(m, entry, start)).orElseThrow(
                        () -> new StoreException(Kind.IO_ERROR, wheel, entry
                                + " exists but is not a complete store entry; remove it and retry", null));
            }
            return new StoreResult(key, entry, marker.files(), marker.bytes(), compiled, false, seconds(start),
                    warnings);
        } catch (WheelInstallException e) {
            StoreException failure = StoreException.of(e);
            FileTrees.discard(temporary, failure);
            throw failure;
        } catch (IOException e) {
            StoreException failure = failure(wheel, "cannot publish " + entry, e);
            FileTrees.discard(temporary, failure);
            throw failure;
        } catch (RuntimeException e) {
            FileTrees.discard(temporary, e);
            throw e;
        }
    }

    /** Compilers started ahead, per Python version: a few, for the first wheels to compile. */
    private static final int PRESTARTED = 2;

    /**
     * On the first wheel this store builds with bytecode for {@code target}'s Python: finds the
     * interpreter that compiles it and starts a few compilers, on a thread of its own (a daemon),
     * while that wheel and the next are unpacked, so that they do not wait for either. Nothing is
     * started for an install whose entries are all in the store already.
     */
    private void prepareCompiling(Target target) {
        if (!prepared.add(target.python().toString())) {
            return;
        }
        if (target instanceof HostTarget host && host.executable().isPresent()) {
            // its probe named its executable: no second probe, and no race with the first wheel's lookup
            interpreters.known(target.python(), host.executable().get());
        }
        Thread thread = new Thread(new Runnable() { // a class: a first lambda would be linked on the install's thread
            @Override
            public void run() {
                interpreters.bytecodePython(target.python()).ifPresent(python -> compilers.prestart(python, PRESTARTED));
            }
        }, "bytecode-compilers-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Ends the bytecode compilers this store started and waits for them to exit. The store still
     * works afterwards, compiling with one Python process per wheel.
     */
    @Override
    public void close() {
        compilers.close();
    }

    private InstallResult unpack(StoreRequest request, Path temporary) throws IOException {
        InstallOptions options = InstallOptions.of(interpreters.scriptInterpreter(request.target()));
        if (request.compile()) {
            options = options.compilingWith(interpreters.bytecodePython(request.target().python()).orElse(null),
                    compilers);
        }
        InstallResult installed;
        try (WheelSource source = WheelSource.open(request.wheel(),
                new ExpectedDigest(request.size(), request.sha256()))) {
            installed = WheelInstaller.install(source, Destination.create(temporary), options);
        }
        StoreKey key = request.key();
        if (!installed.name().equals(key.name()) || !installed.version().equals(key.version())) {
            throw new StoreException(Kind.METADATA_MISMATCH, String.valueOf(request.wheel().getFileName()),
                    "the wheel's METADATA says " + installed.name().normalized() + " " + installed.version()
                            + ", the lock says " + key.name().normalized() + " " + key.version()
                            + "; nothing was installed", null);
        }
        return installed;
    }

    private static StoreResult cached(Markers.Entry marker, Path entry, long start) {
        return new StoreResult(marker.key(), entry, marker.files(), marker.bytes(), marker.compiled(), true,
                seconds(start), List.of());
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static StoreException failure(String subject, String what, IOException e) {
        if (FileTrees.isNoSpace(e)) {
            return new StoreException(Kind.NO_SPACE, subject, "the file system is full (" + e.getMessage()
                    + "); nothing was left behind: free space and retry", e);
        }
        return new StoreException(Kind.IO_ERROR, subject, what + ": " + e, e);
    }
}
