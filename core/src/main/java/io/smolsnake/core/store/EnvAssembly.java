package io.smolsnake.core.store;

import io.smolsnake.core.store.StoreException.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An environment being assembled while its entries are installed (from {@link Environments#begin}):
 * each entry's part is linked as soon as the entry is published, on the caller's thread, while
 * other entries are still being unpacked. The environment's guarantees are those of
 * {@link Environments#assemble}: it is built in a temporary sibling and published by one rename in
 * {@link #finish} only, two packages filling one path differently is a {@link Kind#CONFLICT}
 * naming both (whichever was added first), and closing an unfinished assembly removes its
 * temporary, so a failed install leaves no environment. The result's {@code seconds} are the time
 * spent assembling (linking, summed over the threads that added entries, and finishing), not the
 * time since {@link Environments#begin}.
 *
 * <pre>{@code
 * try (EnvAssembly env = environments.begin(EnvRequest.linkForest(target, digest, keys))) {
 *     // on each install thread, once store.install(...) returned its entry:
 *     env.add(key);
 *     // when every entry was added:
 *     EnvResult result = env.finish();
 * }
 * }</pre>
 */
public final class EnvAssembly implements AutoCloseable {
    private final Environments environments;
    private final EnvRequest request;
    private final Path target;
    /** Null when the environment was already complete. */
    private final Path temporary;
    /** Null for a {@link EnvLayout#SYS_PATH} environment, or one already complete. */
    private final LinkForest forest;
    private final long start;
    private final Set<StoreKey> added = ConcurrentHashMap.newKeySet();
    private final int distinctEntries;
    /** Time spent linking, summed over the threads that added entries. */
    private final AtomicLong busy = new AtomicLong();
    private volatile boolean done;
    private volatile boolean failed;

    EnvAssembly(Environments environments, EnvRequest request, Path target, Path temporary, LinkForest forest,
            long start) {
        this.environments = environments;
        this.request = request;
        this.target = target;
        this.temporary = temporary;
        this.forest = forest;
        this.start = start;
        this.distinctEntries = new HashSet<>(request.entries()).size();
    }

    /**
     * Links the part of the complete entry {@code key} into the environment; safe to call from
     * several threads at once, once per entry. Conflicts are collected and reported by
     * {@link #finish}.
     *
     * @throws StoreException {@link Kind#MISSING_ENTRY} when the entry is not complete or not one
     *     of the request's, {@link Kind#NO_SPACE} or {@link Kind#IO_ERROR}; the environment is then
     *     never published
     */
    public void add(StoreKey key) {
        if (!request.entries().contains(key)) {
            throw new StoreException(Kind.MISSING_ENTRY, request.digest(), key + " is not one of the environment's "
                    + request.entries().size() + " entries", null);
        }
        if (done) {
            throw new IllegalStateException("environment " + request.digest() + " is already finished or closed");
        }
        if (!added.add(key) || forest == null) {
            return;
        }
        Path entry = environments.store().entryPath(key);
        Markers.Entry marker = Markers.readEntry(entry, key).orElseThrow(() -> Environments.missing(request,
                List.of(key + " at " + entry)));
        long began = System.nanoTime();
        try {
            // the last entry is linked by several threads when it is big: no install is left to use the other cores
            boolean last = added.size() == distinctEntries;
            forest.add(key, entry, marker.schemeDirectories(), last ? marker.files() : 0);
        } catch (IOException | RuntimeException e) {
            failed = true; // half linked: this environment must never be published
            throw e instanceof IOException io ? Store.failure(request.digest(), "cannot link " + key + " into " + target, io)
                    : (RuntimeException) e;
        } finally {
            busy.addAndGet(System.nanoTime() - began);
        }
    }

    /**
     * Publishes the environment once every entry was added (an entry not added yet is added now if
     * it is complete), or answers it as cached when it was already complete.
     *
     * @throws StoreException {@link Kind#MISSING_ENTRY} listing entries not in the store,
     *     {@link Kind#CONFLICT} listing every path two packages fill differently,
     *     {@link Kind#NO_SPACE} or {@link Kind#IO_ERROR}; no environment and no temporary is left
     */
    public EnvResult finish() {
        if (done) {
            throw new IllegalStateException("environment " + request.digest() + " is already finished or closed");
        }
        if (failed) {
            throw new IllegalStateException("environment " + request.digest() + " had an entry fail to link; close it");
        }
        long began = System.nanoTime();
        try {
            if (temporary == null) {
                return environments.readMarker(request).map(m -> Environments.cached(request, target, m, start))
                        .orElseThrow(() -> new StoreException(Kind.IO_ERROR, request.digest(), target
                                + " was complete and is no longer; retry", null));
            }
            List<String> missing = new ArrayList<>();
            for (StoreKey key : request.entries()) {
                if (!added.contains(key) && !environments.store().isComplete(key)) {
                    missing.add(key + " at " + environments.store().entryPath(key));
                }
            }
            if (!missing.isEmpty()) {
                throw Environments.missing(request, missing);
            }
            for (StoreKey key : request.entries()) {
                add(key);
            }
            Markers.Environment marker = forest != null ? Environments.forest(request, forest, temporary)
                    : environments.sysPath(request, target, temporary);
            Markers.writeEnvironment(temporary, marker);
            if (!FileTrees.publish(temporary, target)) {
                return environments.readMarker(request).map(m -> Environments.cached(request, target, m, start))
                        .orElseThrow(() -> new StoreException(Kind.IO_ERROR, request.digest(), target
                                + " exists but is not a complete environment; remove it and retry", null));
            }
            return new EnvResult(request.digest(), request.layout(), target, Environments.sysPath(target),
                    marker.files(), marker.directories(), marker.linked(), marker.copied(), marker.shared(), false,
                    (busy.get() + System.nanoTime() - began) / 1e9);
        } catch (IOException e) {
            StoreException failure = Store.failure(request.digest(), "cannot assemble " + target, e);
            discard(failure);
            throw failure;
        } catch (RuntimeException e) {
            discard(e);
            throw e;
        } finally {
            done = true;
        }
    }

    /** Removes the temporary unless {@link #finish} published it; nothing is left behind. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            discard(null);
        }
    }

    private void discard(Throwable failure) {
        if (temporary == null) {
            return;
        }
        try {
            FileTrees.deleteTree(temporary);
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }
}
