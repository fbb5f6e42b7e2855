package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.filename.SdistFilename;
import io.smolsnake.pypackaging.filename.WheelFilename;
import io.smolsnake.pypackaging.index.FileKind;
import io.smolsnake.pypackaging.index.IndexClient;
import io.smolsnake.pypackaging.index.IndexException;
import io.smolsnake.pypackaging.index.ProjectCandidates;
import io.smolsnake.pypackaging.index.ProjectFile;
import io.smolsnake.pypackaging.index.ProjectLookup;
import io.smolsnake.pypackaging.index.ProjectPage;
import io.smolsnake.pypackaging.metadata.CoreMetadata;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.resolver.Dist;
import io.smolsnake.pypackaging.resolver.PackageSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The resolver's view of the package index: files parsed into wheels and sdists, metadata read
 * without downloading wheels where the index allows, fetched ahead in the background.
 */
final class IndexPackageSource implements PackageSource, AutoCloseable {
    /** Where a file came from, for the lock ({@code packages.index}) and for fetching it. */
    record Origin(ProjectFile file, String index) {}

    private final IndexClient client;
    private final Map<PackageName, Set<String>> allowedHashes;
    /** Each project's files, read once: later askers (and the warm-up) wait on the first reader, not on a map lock. */
    private final Map<PackageName, CompletableFuture<List<Dist>>> files = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<CoreMetadata>> metadata = new ConcurrentHashMap<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final ExecutorService background;
    private final LocalFileFacts local;
    /** For the resolution memo: what each source answered, by validator name (see {@link Answers}). */
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private volatile boolean comparable = true;
    /** Projects already asked in this run (to check the resolution memo): used once, not asked again. */
    private final Map<PackageName, ProjectCandidates> answered = new ConcurrentHashMap<>();

    /**
     * @param allowedHashes for packages pinned with {@code --hash}: the sha256 digests a file must
     *     have to be a candidate (pip's hash-checking mode)
     */
    IndexPackageSource(IndexClient client, Map<PackageName, Set<String>> allowedHashes, int parallelism,
            LocalFileFacts local) {
        this.client = client;
        this.local = local;
        this.allowedHashes = Map.copyOf(allowedHashes);
        this.background = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "smolsnake-metadata");
            t.setDaemon(true);
            return t;
        });
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Answers already had from the sources in this run, used in place of asking them again. */
    void answered(Map<PackageName, ProjectCandidates> answers) {
        answered.putAll(answers);
    }

    /**
     * What the sources answered for every project and direct URL looked up so far, by validator
     * name; empty when some answer cannot be compared later (see {@link Answers}), so the resolution
     * must not be memoized.
     */
    java.util.Optional<Map<String, String>> answers() {
        return comparable ? java.util.Optional.of(new java.util.TreeMap<>(answers)) : java.util.Optional.empty();
    }

    /** How many projects were looked up. */
    int projectsSeen() {
        return files.size();
    }

    @Override
    public List<Dist> files(PackageName name) {
        CompletableFuture<List<Dist>> mine = new CompletableFuture<>();
        CompletableFuture<List<Dist>> found = files.putIfAbsent(name, mine);
        if (found == null) {
            try {
                mine.complete(lookUp(name));
            } catch (RuntimeException e) {
                mine.completeExceptionally(e); // kept: every asker gets the same failure
            }
            found = mine;
        }
        try {
            return found.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private List<Dist> lookUp(PackageName name) {
        ProjectCandidates candidates = answered.remove(name);
        try {
            if (candidates == null) {
                candidates = client.project(name);
            }
        } catch (IndexException e) {
            throw new SourceUnavailableException(e.getMessage(), e);
        }
        warnings.addAll(candidates.warnings());
        String answer = Answers.digest(candidates);
        if (answer == null) {
            comparable = false;
        } else {
            answers.put(ResolutionMemo.project(name), answer);
        }
        Set<String> hashes = allowedHashes.get(name);
        List<Dist> out = new ArrayList<>();
        for (ProjectLookup lookup : candidates.lookups()) {
            if (!(lookup instanceof ProjectLookup.Found found)) {
                continue;
            }
            ProjectPage page = found.page();
            String index = found.source().toString();
            for (ProjectFile f : page.files()) {
                if (hashes != null && !hashes.contains(localSha256(f))) {
                    continue;
                }
                Dist d = toDist(name, f, index);
                if (d != null) {
                    out.add(d);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The file's sha256: the index's, or for a local file (a find-links directory lists none) its
     * own; for a remote file without one, the pin is checked after resolution instead.
     */
    private String localSha256(ProjectFile f) {
        if (f.sha256().isPresent()) {
            return f.sha256().get();
        }
        if ("file".equals(f.url().getScheme())) {
            return local.sha256(java.nio.file.Path.of(f.url()));
        }
        return null;
    }

    private Dist toDist(PackageName name, ProjectFile f, String index) {
        try {
            if (f.kind() == FileKind.WHEEL) {
                WheelFilename w = WheelFilename.parse(f.filename());
                if (!w.name().equals(name)) {
                    return null; // a find-links directory lists every project's files
                }
                return new Dist(name, w.version(), f.filename(), true, w.tags(), f.requiresPython(), f.yanked(),
                        new Origin(f, index));
            }
            if (f.kind() == FileKind.SDIST) {
                SdistFilename s = SdistFilename.parse(f.filename());
                if (!s.name().equals(name)) {
                    return null;
                }
                return new Dist(name, s.version(), f.filename(), false, Set.of(), f.requiresPython(), f.yanked(),
                        new Origin(f, index));
            }
        } catch (IllegalArgumentException e) { // InvalidFilenameException, or a version PEP 440 rejects
            warnings.add("ignoring " + f.filename() + " from " + index + ": " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        return null;
    }

    @Override
    public CoreMetadata metadata(Dist wheel) {
        CompletableFuture<CoreMetadata> f = metadata.computeIfAbsent(wheel.filename() + "@" + fileOf(wheel).url(),
                k -> CompletableFuture.supplyAsync(() -> read(wheel), background));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while reading the metadata of " + wheel.filename(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SourceUnavailableException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r && !(cause instanceof IndexException)) {
                throw r;
            }
            throw new SourceUnavailableException(cause.getMessage(), cause);
        }
    }

    private CoreMetadata read(Dist wheel) {
        if (wheel.handle() instanceof URI direct) { // a direct URL: its file is part of the answer
            String stamp = "file".equals(direct.getScheme()) ? Answers.stamp(direct) : null;
            if (stamp == null) {
                comparable = false;
            } else {
                answers.put(ResolutionMemo.file(direct), stamp);
            }
        }
        try {
            return CoreMetadata.parse(client.metadata(fileOf(wheel)).bytes());
        } catch (IndexException e) {
            throw new SourceUnavailableException(e.getMessage(), e);
        }
    }

    /**
     * Starts reading these projects' pages in the background; a failure is kept for the
     * resolver's own {@link #files} call to report.
     */
    void warm(Collection<PackageName> names) {
        for (PackageName name : names) {
            background.execute(() -> {
                try {
                    files(name);
                } catch (RuntimeException e) {
                    // files(name) is asked again by the resolver, which reports it
                }
            });
        }
    }

    @Override
    public void prefetch(Collection<Dist> wheels) {
        for (Dist w : wheels) {
            metadata.computeIfAbsent(w.filename() + "@" + fileOf(w).url(),
                    k -> CompletableFuture.supplyAsync(() -> read(w), background));
        }
    }

    static ProjectFile fileOf(Dist dist) {
        if (dist.handle() instanceof Origin o) {
            return o.file();
        }
        if (dist.handle() instanceof URI uri) {
            return ProjectFile.of(dist.filename(), uri);
        }
        throw new IllegalArgumentException("not a file of this source: " + dist.filename());
    }

    static String indexOf(Dist dist) {
        return dist.handle() instanceof Origin o ? o.index() : null;
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
