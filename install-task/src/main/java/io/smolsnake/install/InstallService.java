package io.smolsnake.install;

import io.smolsnake.core.stage.InstallResult;
import io.smolsnake.core.stage.LinkMessage;
import io.smolsnake.core.stage.LinkResult;
import io.smolsnake.core.store.EnvAssembly;
import io.smolsnake.core.store.EnvRequest;
import io.smolsnake.core.store.Environments;
import io.smolsnake.core.store.Store;
import io.smolsnake.core.store.StoreException;
import io.smolsnake.core.store.StoreKey;
import io.smolsnake.core.store.StoreRequest;
import io.smolsnake.core.store.StoreResult;
import io.smolsnake.pypackaging.tags.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The install worker's work, with no queue in sight: puts one locked wheel into the {@link Store}
 * (downloading it unless its entry is complete) and assembles a lock's environment from the store.
 * Safe to call from many threads; many processes may share the store.
 *
 * <pre>{@code
 * InstallService service = InstallService.open(Path.of("/mnt/efs"), Path.of("/tmp/downloads"), AwsClients::s3);
 * InstallResult numpy = service.install(new InstallRequest(target, "numpy", "2.2.6", url, filename, size, sha256, true));
 * LinkResult env = service.link(target, lockDigest, List.of(new LinkMessage.Entry("numpy", "2.2.6", sha256)));
 * }</pre>
 *
 * <p>Close it when done: it ends the store's bytecode compilers (long-lived Python processes).
 */
public final class InstallService implements AutoCloseable {
    private final Store store;
    private final Environments environments;
    private final Downloader downloader;

    InstallService(Store store, Environments environments, Downloader downloader) {
        this.store = store;
        this.environments = environments;
        this.downloader = downloader;
    }

    /**
     * The service for the store under {@code storeRoot}, downloading into {@code downloads} (a local
     * directory; files are deleted once installed) and reaching S3, only when an {@code s3:} URL
     * asks for it, through the client {@code s3} supplies.
     *
     * @throws InstallException when the store cannot be opened
     */
    public static InstallService open(Path storeRoot, Path downloads, Supplier<S3Client> s3) {
        return open(storeRoot, () -> downloads, s3);
    }

    /**
     * As {@link #open(Path, Path, Supplier)}, asking {@code downloads} for the download directory
     * only when the first download starts (once): a lock of local files needs none.
     *
     * @throws InstallException when the store cannot be opened
     */
    public static InstallService open(Path storeRoot, Supplier<Path> downloads, Supplier<S3Client> s3) {
        try {
            Store store = Store.open(storeRoot);
            return new InstallService(store, Environments.open(store),
                    new Downloader(memoized(downloads, "downloads"), memoized(s3, "s3"), Downloader.Backoff.DEFAULT));
        } catch (StoreException e) {
            throw InstallException.of(e);
        }
    }

    /**
     * Ends the store's bytecode compilers and waits for them to exit (see {@link Store#close}); the
     * service still works afterwards, compiling with one Python process per wheel.
     */
    @Override
    public void close() {
        store.close();
    }

    /** The store this service installs into. */
    public Store store() {
        return store;
    }

    /**
     * Installs the request's wheel, or answers at once (without downloading) when its entry is
     * complete.
     *
     * @throws InstallException with the error name to answer the task with
     */
    public InstallResult install(InstallRequest request) {
        long start = System.nanoTime();
        StoreRequest probe = storeRequest(request, Path.of(Downloader.safeName(request.filename())));
        try {
            if (store.isComplete(probe.key())) {
                // the store answers a complete entry from its marker without reading the wheel
                return InstallResult.of(store.install(probe), seconds(start));
            }
            Downloader.Fetched fetched = downloader.fetch(request);
            try {
                StoreResult result = store.install(storeRequest(request, fetched.file()));
                return InstallResult.of(result, seconds(start));
            } finally {
                if (fetched.temporary()) {
                    Downloader.deleteQuietly(fetched.file());
                }
            }
        } catch (StoreException e) {
            throw InstallException.of(e);
        }
    }

    /**
     * Assembles the link-forest environment named {@code digest} from the store entries of
     * {@code entries}, or answers at once when it is complete.
     *
     * @throws InstallException {@code Install.MissingEntry} naming every package not in the store,
     *     {@code Install.Conflict} naming every path two packages fill differently, or another
     *     error name
     */
    public LinkResult link(Target target, String digest, List<LinkMessage.Entry> entries) {
        EnvRequest request = envRequest(target, digest, entries);
        try {
            return LinkResult.of(environments.assemble(request));
        } catch (StoreException e) {
            throw InstallException.of(e);
        }
    }

    /**
     * Starts assembling the link-forest environment named {@code digest} while its entries are
     * installed: {@link Linking#add} each package once {@link #install} returned it, from any
     * thread; {@link Linking#finish} publishes the environment, {@link Linking#close} discards it.
     *
     * @throws InstallException {@code Install.InvalidMessage} for entries that name no store entry,
     *     or the error of a temporary directory that cannot be created
     */
    public Linking beginLink(Target target, String digest, List<LinkMessage.Entry> entries) {
        EnvRequest request = envRequest(target, digest, entries);
        try {
            return new Linking(environments.begin(request), target);
        } catch (StoreException e) {
            throw InstallException.of(e);
        }
    }

    /** An environment being assembled while its packages are installed (see {@link #beginLink}). */
    public static final class Linking implements AutoCloseable {
        private final EnvAssembly assembly;
        private final Target target;

        Linking(EnvAssembly assembly, Target target) {
            this.assembly = assembly;
            this.target = target;
        }

        /**
         * Links the installed package {@code entry} into the environment; conflicts are reported by
         * {@link #finish}.
         *
         * @throws InstallException when its entry is incomplete or cannot be linked
         */
        public void add(LinkMessage.Entry entry) {
            try {
                assembly.add(StoreKey.of(target, entry.name(), entry.version(), entry.sha256()));
            } catch (StoreException e) {
                throw InstallException.of(e);
            } catch (IllegalArgumentException e) {
                throw new InstallException(InstallError.INVALID_MESSAGE, entry.name(), e.getMessage(), e);
            }
        }

        /**
         * Publishes the environment.
         *
         * @throws InstallException {@code Install.MissingEntry}, {@code Install.Conflict} naming every
         *     path two packages fill differently, or another error name; nothing is published then
         */
        public LinkResult finish() {
            try {
                return LinkResult.of(assembly.finish());
            } catch (StoreException e) {
                throw InstallException.of(e);
            }
        }

        /** Discards the environment unless it was published. */
        @Override
        public void close() {
            assembly.close();
        }
    }

    private static EnvRequest envRequest(Target target, String digest, List<LinkMessage.Entry> entries) {
        List<StoreKey> keys = new ArrayList<>();
        try {
            for (LinkMessage.Entry entry : entries) {
                keys.add(StoreKey.of(target, entry.name(), entry.version(), entry.sha256()));
            }
            return EnvRequest.linkForest(target, digest, keys);
        } catch (IllegalArgumentException e) {
            throw new InstallException(InstallError.INVALID_MESSAGE, digest, "environment " + digest + ": "
                    + e.getMessage(), e);
        }
    }

    private static StoreRequest storeRequest(InstallRequest request, Path wheel) {
        try {
            return new StoreRequest(request.target(), request.name(), request.version(), wheel, request.sha256(),
                    request.size() == null ? -1 : request.size(), request.compile());
        } catch (IllegalArgumentException e) {
            throw new InstallException(InstallError.INVALID_MESSAGE, request.filename(), request.filename()
                    + ": " + e.getMessage(), e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier, String what) {
        Objects.requireNonNull(supplier, what);
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
