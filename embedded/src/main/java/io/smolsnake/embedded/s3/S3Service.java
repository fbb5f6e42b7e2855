package io.smolsnake.embedded.s3;

import com.sun.net.httpserver.HttpServer;
import io.smolsnake.embedded.EmbeddedService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An S3-compatible endpoint on loopback, enough of S3's REST API for the pipeline and for the
 * AWS CLI, boto3 and the Java SDK v2 pointed at it ({@code AWS_ENDPOINT_URL_S3}).
 *
 * <p>Served: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation,
 * GetBucketVersioning (never enabled), ListObjects (v1 and v2: prefix, delimiter, markers and
 * continuation tokens, max-keys, {@code encoding-type=url}), DeleteObjects, PutObject, GetObject
 * (single {@code Range}, conditional headers, {@code response-*} overrides), HeadObject,
 * DeleteObject, CopyObject (COPY or REPLACE metadata), conditional writes ({@code If-None-Match: *},
 * {@code If-Match}), and multipart uploads (create, upload part, upload part copy, list parts,
 * list uploads, complete, abort; parts of at least 5 MiB but the last, as in S3). Bodies may be
 * {@code aws-chunked} (the SDKs' streaming uploads); {@code Content-MD5}, {@code x-amz-content-sha256}
 * and the CRC32, CRC32C, SHA-1 and SHA-256 checksums (header or trailer) are verified, and a
 * mismatch is S3's {@code BadDigest}. Anything else (ACLs, tagging, versions, policies, …) is
 * answered {@code 501 NotImplemented}.
 *
 * <p>Requests may be path-style ({@code http://127.0.0.1:PORT/bucket/key}) or virtual-host style
 * through {@code http://bucket.localhost:PORT/key}. <strong>Signatures are not verified</strong>:
 * any credentials are accepted, and every bucket belongs to the one caller. The region is
 * {@code us-east-1}.
 *
 * <p>Objects live in memory, or under a data directory where each write becomes visible by one
 * atomic rename (a crash never leaves half an object visible) and which is indexed again at the
 * next start. Multipart uploads in progress are kept in memory only.
 */
public final class S3Service implements EmbeddedService {
    private final HttpServer server;
    private final ExecutorService executor;
    private final Store store;
    private final URI endpoint;
    private boolean closed;

    private S3Service(HttpServer server, ExecutorService executor, Store store) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** An in-memory S3 on a free loopback port. */
    public static S3Service start() {
        return start(S3Settings.inMemory());
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @throws S3Exception if the data directory cannot be opened or the port cannot be bound
     */
    public static S3Service start(S3Settings settings) {
        Store store = settings.dataDirectory().map(Store::open).orElseGet(Store::inMemory);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "embedded-s3-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port());
        try {
            HttpServer server = HttpServer.create(address, 64);
            server.createContext("/", new S3Handler(store, Clock.systemUTC()));
            server.setExecutor(executor);
            server.start();
            return new S3Service(server, executor, store);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new S3Exception("cannot listen on " + address + ": " + e.getMessage(), address.toString(), e);
        }
    }

    @Override
    public String serviceId() {
        return "S3";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    /** Where the objects persist, if they do. */
    public Optional<Path> dataDirectory() {
        return store.root();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
