package io.smolsnake.core.store;

import io.smolsnake.core.store.StoreException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The environments assembled from a {@link Store}: one directory per lock digest at
 * {@code <root>/envs/<platform>/<digest>/} (a {@link EnvLayout#SYS_PATH} environment at
 * {@code <digest>.paths/}).
 *
 * <p>Each environment holds {@code paths.txt}, the directories to pass to {@code site.addsitedir}
 * relative to the environment (so it works wherever the file system is mounted), and a completion
 * marker. Like a store entry it is built in a temporary sibling and published by one rename:
 * assembling a complete environment again returns at once, and concurrent workers end with one.
 * {@link #begin} assembles it while its entries are still being installed.
 */
public final class Environments {
    static final String ENVS_DIR = "envs";
    /** The file listing the environment's {@code sys.path} entries, relative to it, one a line. */
    public static final String PATHS_FILE = "paths.txt";
    private static final String SYS_PATH_SUFFIX = ".paths";

    private final Path envs;
    private final Store store;

    private Environments(Path root, Store store) {
        this.envs = root.toAbsolutePath().normalize().resolve(ENVS_DIR);
        this.store = store;
    }

    /** The environments under the store's own root. */
    public static Environments open(Store store) {
        return open(store.root(), store, Store.DEFAULT_STALE_AFTER);
    }

    /**
     * The environments under {@code root} (another file system than the store's makes them copies),
     * after removing temporaries at least {@code staleAfter} old.
     *
     * @throws StoreException {@link Kind#IO_ERROR} when the directory cannot be created or cleaned
     */
    public static Environments open(Path root, Store store, Duration staleAfter) {
        Environments environments = new Environments(root, store);
        try {
            Files.createDirectories(environments.envs);
        } catch (IOException e) {
            throw Store.failure(environments.envs.toString(), "cannot create the environments directory", e);
        }
        environments.cleanTemporaries(staleAfter);
        return environments;
    }

    /**
     * Where the link-forest environment of a lock is (or would be) under a store root, and whether
     * it is complete, without creating anything (the lock stage reads a read-only mount).
     */
    public static Path linkForestPath(Path root, String platform, String digest) {
        return root.toAbsolutePath().normalize().resolve(ENVS_DIR).resolve(platform).resolve(digest);
    }

    /** Whether {@code environment} (a path from {@link #linkForestPath}) is complete. */
    public static boolean isComplete(Path environment) {
        return java.nio.file.Files.isRegularFile(environment.resolve(Markers.ENVIRONMENT));
    }

    /** Where the environment of {@code request} is (or would be). */
    public Path environmentPath(EnvRequest request) {
        String name = request.layout() == EnvLayout.SYS_PATH ? request.digest() + SYS_PATH_SUFFIX : request.digest();
        return envs.resolve(request.platform()).resolve(name);
    }

    /** Whether the environment of {@code request} is complete. */
    public boolean isComplete(EnvRequest request) {
        return readMarker(request).isPresent();
    }

    /** Removes temporaries at least {@code olderThan} old (left by crashed workers); returns how many. */
    public int cleanTemporaries(Duration olderThan) {
        try {
            return FileTrees.cleanTemporaries(envs, 2, olderThan);
        } catch (IOException e) {
            throw Store.failure(envs.toString(), "cannot remove stale temporary directories", e);
        }
    }

    /**
     * Assembles the environment of {@code request} from complete store entries, or returns at once
     * when it is complete.
     *
     * @throws StoreException {@link Kind#MISSING_ENTRY} listing entries not in the store,
     *     {@link Kind#CONFLICT} listing every path two packages fill differently,
     *     {@link Kind#NO_SPACE} or {@link Kind#IO_ERROR}; no environment and no temporary is left
     */
    public EnvResult assemble(EnvRequest request) {
        List<String> missing = new ArrayList<>();
        if (!isComplete(request)) {
            for (StoreKey key : request.entries()) {
                if (!store.isComplete(key)) {
                    missing.add(key + " at " + store.entryPath(key));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw missing(request, missing);
        }
        try (EnvAssembly assembly = begin(request)) {
            return assembly.finish();
        }
    }

    /**
     * Starts assembling the environment of {@code request} while its entries are still being
     * installed: {@link EnvAssembly#add} each entry as soon as it is published (from any thread),
     * then {@link EnvAssembly#finish} publishes the environment, or {@link EnvAssembly#close}
     * discards it. When the environment is already complete, adding does nothing and finishing
     * answers it as cached.
     *
     * @throws StoreException {@link Kind#NO_SPACE} or {@link Kind#IO_ERROR} when the temporary
     *     directory cannot be created
     */
    public EnvAssembly begin(EnvRequest request) {
        long start = System.nanoTime();
        Path target = environmentPath(request);
        Optional<Markers.Environment> existing = readMarker(request);
        if (existing.isPresent()) {
            return new EnvAssembly(this, request, target, null, null, start);
        }
        Path temporary;
        try {
            temporary = FileTrees.newTemporary(target.getParent());
        } catch (IOException e) {
            throw Store.failure(request.digest(), "cannot create a temporary directory in " + target.getParent(), e);
        }
        try {
            LinkForest forest = request.layout() == EnvLayout.LINK_FOREST
                    ? new LinkForest(temporary, request.entries()) : null;
            return new EnvAssembly(this, request, target, temporary, forest, start);
        } catch (IOException e) {
            StoreException failure = Store.failure(request.digest(), "cannot assemble " + target, e);
            FileTrees.discard(temporary, failure);
            throw failure;
        }
    }

    Store store() {
        return store;
    }

    static StoreException missing(EnvRequest request, List<String> missing) {
        return new StoreException(Kind.MISSING_ENTRY, request.digest(), missing.size() + " of "
                + request.entries().size() + " packages are not in the store; install them first", missing, null);
    }

    /** The marker of a finished link forest, or a {@link Kind#CONFLICT} naming every conflict. */
    static Markers.Environment forest(EnvRequest request, LinkForest forest, Path temporary) throws IOException {
        List<String> conflicts = forest.conflicts();
        if (!conflicts.isEmpty()) {
            throw new StoreException(Kind.CONFLICT, request.digest(), conflicts.size() + " path"
                    + (conflicts.size() == 1 ? "" : "s") + " would hold different files from two packages;"
                    + " the lock cannot be assembled into one site-packages", conflicts, null);
        }
        writePaths(temporary, List.of(LinkForest.SITE_PACKAGES));
        return new Markers.Environment(request.digest(), request.platform(), request.layout(), request.entries(),
                forest.files(), forest.directories(), forest.linked(), forest.copied(), forest.shared());
    }

    Markers.Environment sysPath(EnvRequest request, Path target, Path temporary) throws IOException {
        List<String> lines = new ArrayList<>();
        long files = 0;
        for (StoreKey key : request.entries()) {
            Path entry = store.entryPath(key);
            lines.add(target.relativize(entry).toString());
            files += Markers.readEntry(entry, key).map(Markers.Entry::files).orElse(0L);
        }
        writePaths(temporary, lines);
        return new Markers.Environment(request.digest(), request.platform(), request.layout(), request.entries(),
                files, 0, 0, 0, 0);
    }

    private static void writePaths(Path environment, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        Files.write(environment.resolve(PATHS_FILE), text.toString().getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    Optional<Markers.Environment> readMarker(EnvRequest request) {
        return Markers.readEnvironment(environmentPath(request), request.digest(), request.platform(),
                request.layout(), request.entries());
    }

    static EnvResult cached(EnvRequest request, Path target, Markers.Environment marker, long start) {
        List<Path> paths;
        try {
            paths = sysPath(target);
        } catch (IOException e) {
            throw Store.failure(request.digest(), "cannot read " + target.resolve(PATHS_FILE), e);
        }
        return new EnvResult(request.digest(), request.layout(), target, paths, marker.files(), marker.directories(),
                marker.linked(), marker.copied(), marker.shared(), true, Store.seconds(start));
    }

    /** The absolute {@code sys.path} entries {@code paths.txt} names. */
    static List<Path> sysPath(Path environment) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String line : Files.readAllLines(environment.resolve(PATHS_FILE), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                paths.add(environment.resolve(line).normalize());
            }
        }
        return paths;
    }
}
