package io.smolsnake.pypackaging.index;

import io.smolsnake.pypackaging.name.PackageName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A client for simple repositories (PEP 503 HTML, PEP 691 JSON) and find-links locations, over
 * {@code https://}, {@code http://} and {@code file://}, with an on-disk cache.
 *
 * <pre>{@code
 * IndexClient client = IndexClient.builder().sources(PipConfig.load().sources()).build();
 * ProjectCandidates numpy = client.project(PackageName.of("numpy"));
 * RawMetadata metadata = client.metadata(numpy.files().get(0));
 * }</pre>
 */
public final class IndexClient implements AutoCloseable {
    private final List<IndexSource> sources;
    private final MergeStrategy strategy;
    private final int parallelism;
    private final Lookups lookups;
    private final MetadataReader metadataReader;
    private final Http http;

    private IndexClient(Builder b) {
        this.sources = List.copyOf(b.sources);
        this.strategy = b.strategy;
        this.parallelism = b.parallelism;
        Http http = new Http(b.retry, b.sleeper, b.connectTimeout, b.requestTimeout);
        this.http = http;
        DiskCache cache = b.cacheDir == null ? null : new DiskCache(b.cacheDir);
        this.lookups = new Lookups(http, cache);
        this.metadataReader = new MetadataReader(http, cache);
    }

    /** Cuts off requests still in flight (prefetches nobody waits for any more) and refuses new ones. */
    @Override
    public void close() {
        http.close();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The sources, in the order they are asked. */
    public List<IndexSource> sources() {
        return sources;
    }

    /**
     * Asks the sources for {@code name} as the merge strategy says. Sources that cannot be read
     * become warnings in the result while the others answer.
     *
     * @throws NoSourceReachableException when no source could be read, naming each and why
     */
    public ProjectCandidates project(PackageName name) {
        Objects.requireNonNull(name, "name");
        List<ProjectLookup> answers = new ArrayList<>();
        boolean indexFound = false;
        for (IndexSource source : sources) {
            boolean isIndex = source instanceof IndexSource.SimpleIndex;
            if (strategy == MergeStrategy.FIRST_INDEX && isIndex && indexFound) {
                continue;
            }
            ProjectLookup answer = lookup(source, name);
            answers.add(answer);
            indexFound |= isIndex && answer instanceof ProjectLookup.Found;
        }
        List<ProjectLookup.Unreachable> failures = answers.stream()
                .filter(ProjectLookup.Unreachable.class::isInstance)
                .map(ProjectLookup.Unreachable.class::cast)
                .toList();
        if (failures.size() == answers.size()) {
            throw new NoSourceReachableException(name.toString(), failures);
        }
        return new ProjectCandidates(name, answers);
    }

    /** Asks one source for {@code name}; never throws for network or page problems. */
    public ProjectLookup lookup(IndexSource source, PackageName name) {
        return lookups.lookup(Objects.requireNonNull(source, "source"), Objects.requireNonNull(name, "name"));
    }

    /**
     * The core metadata of one file, without downloading the wheel where the index or the server
     * allows (see {@link RawMetadata.Origin}).
     *
     * @throws HashMismatchException when the PEP 658 file's digest differs from the index's
     * @throws IndexException when the metadata cannot be obtained, naming the file
     */
    public RawMetadata metadata(ProjectFile file) {
        return metadataReader.read(Objects.requireNonNull(file, "file"));
    }

    /**
     * The core metadata of many files, fetched in parallel (at most the builder's parallelism at
     * once), in the order given.
     *
     * @throws IndexException naming every file that failed (each failure attached as suppressed)
     */
    public Map<ProjectFile, RawMetadata> metadata(Collection<ProjectFile> files) {
        List<ProjectFile> distinct = files.stream().distinct().toList();
        Map<ProjectFile, RawMetadata> out = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, distinct.size()), r -> {
            Thread t = new Thread(r, "smolsnake-metadata");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<ProjectFile, Future<RawMetadata>> futures = new LinkedHashMap<>();
            for (ProjectFile file : distinct) {
                futures.put(file, pool.submit(() -> metadataReader.read(file)));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Map.Entry<ProjectFile, Future<RawMetadata>> e : futures.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    failures.add(ex.getCause());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IndexException("interrupted while reading metadata", ex);
                }
            }
            if (!failures.isEmpty()) {
                StringBuilder message = new StringBuilder("could not read metadata for " + failures.size()
                        + " of " + distinct.size() + " files:");
                failures.forEach(f -> message.append("\n  ").append(f.getMessage()));
                IndexException error = new IndexException(message.toString());
                failures.forEach(error::addSuppressed);
                throw error;
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code $XDG_CACHE_HOME/smolsnake}, else {@code ~/.cache/smolsnake}. */
    public static Path defaultCacheDir() {
        return defaultCacheDir(System.getenv());
    }

    /** The same, with {@code env} in place of the process environment ({@code XDG_CACHE_HOME}). */
    public static Path defaultCacheDir(Map<String, String> env) {
        return DiskCache.defaultDir(env, Path.of(System.getProperty("user.home")));
    }

    /** Options for an {@link IndexClient}; every one has a default. */
    public static final class Builder {
        private final List<IndexSource> sources = new ArrayList<>();
        private MergeStrategy strategy = MergeStrategy.ALL_SOURCES;
        private Path cacheDir = defaultCacheDir();
        private RetryPolicy retry = RetryPolicy.defaults();
        private RetryPolicy.Sleeper sleeper = RetryPolicy.Sleeper.REAL;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private int parallelism = 8;

        private Builder() {}

        /** Adds sources, asked in the order given. */
        public Builder sources(Collection<? extends IndexSource> more) {
            sources.addAll(more);
            return this;
        }

        public Builder source(IndexSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        public Builder strategy(MergeStrategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** Where pages and metadata are cached (default {@link #defaultCacheDir()}). */
        public Builder cacheDir(Path dir) {
            this.cacheDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** No on-disk cache at all. */
        public Builder noCache() {
            this.cacheDir = null;
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        Builder sleeper(RetryPolicy.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long one request may take before it counts as timed out (and is retried). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How many metadata fetches run at once (default 8). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        public IndexClient build() {
            return new IndexClient(this);
        }
    }
}
