package io.smolsnake.embedded.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smolsnake.embedded.EmbeddedService;
import io.smolsnake.embedded.sfn.Engine;
import io.smolsnake.embedded.sfn.EngineClock;
import io.smolsnake.embedded.sfn.Execution;
import io.smolsnake.embedded.sfn.ExecutionJournal;
import io.smolsnake.embedded.sfn.TaskInvoker;
import io.smolsnake.embedded.sfn.store.SfnStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded Step Functions: the AWS JSON 1.0 protocol ({@code X-Amz-Target:
 * AWSStepFunctions.<Operation>}) over HTTP on 127.0.0.1, in front of an {@link Engine}. The AWS
 * SDKs and boto3 talk to it through {@code endpoint_url} / {@code AWS_ENDPOINT_URL_SFN}.
 *
 * <p>With a data directory, state machines and executions are kept in an {@link SfnStore} there
 * and taken up at the next start: executions that were RUNNING resume where they were, and tasks
 * waiting for a task token wait for the same token (see {@link Engine#recover()}). Without one,
 * everything lives in memory.
 */
public final class SfnService implements EmbeddedService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final ExecutorService executionThreads;
    private final Engine engine;
    private final SfnStore store;
    private final List<Execution> resumed;
    private final URI endpoint;
    private final TaskInvoker invoker;
    private boolean closed;

    /**
     * What to start.
     *
     * @param port the port on 127.0.0.1, 0 for any free one
     * @param dataDir where to keep state, or null for memory only
     * @param invoker runs Task states (see {@code AwsIntegrations}); the service closes it if it is
     *     {@link AutoCloseable}
     */
    public record Options(int port, Path dataDir, TaskInvoker invoker) {
        public Options {
            Objects.requireNonNull(invoker, "invoker");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
        }
    }

    private SfnService(HttpServer server, ExecutorService httpThreads, ExecutorService executionThreads,
                       Engine engine, SfnStore store, List<Execution> resumed, TaskInvoker invoker) {
        this.invoker = invoker;
        this.server = server;
        this.httpThreads = httpThreads;
        this.executionThreads = executionThreads;
        this.engine = engine;
        this.store = store;
        this.resumed = List.copyOf(resumed);
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Opens the store, resumes what was running, and starts listening.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static SfnService start(Options options) {
        SfnStore store = options.dataDir() == null ? SfnStore.inMemory() : SfnStore.open(options.dataDir());
        ExecutorService executionThreads = Executors.newCachedThreadPool(daemon("sfn-execution"));
        // in memory, the engine's own objects are the state: no second copy of every history event
        Engine engine = new Engine(options.invoker(), EngineClock.system(), executionThreads,
                options.dataDir() == null ? ExecutionJournal.NONE : store);
        SfnApi api = new SfnApi(engine, store, EngineClock.system(), "us-east-1", "123456789012");
        List<Execution> resumed = engine.recover();
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
        // the body then waits for the client's delayed ACK (40 ms a call on Linux loopback). This
        // property is the JDK's only switch for TCP_NODELAY, read once when its first server starts.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 128);
        } catch (IOException e) {
            engine.close();
            executionThreads.shutdownNow();
            store.close();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
        }
        ExecutorService httpThreads = Executors.newFixedThreadPool(8, daemon("sfn-http"));
        server.setExecutor(httpThreads);
        server.createContext("/", exchange -> handle(api, exchange));
        server.start();
        return new SfnService(server, httpThreads, executionThreads, engine, store, resumed, options.invoker());
    }

    @Override
    public String serviceId() {
        return "SFN";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    /** The executions that were RUNNING in the data directory and were resumed at start. */
    public List<Execution> resumed() {
        return resumed;
    }

    /**
     * Stops listening and closes the store. Executions still running stay RUNNING in the data
     * directory, to be resumed by the next start.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        engine.close();
        executionThreads.shutdownNow();
        httpThreads.shutdownNow();
        store.close();
        if (invoker instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the task invoker: " + e.getMessage(), e);
            }
        }
    }

    private static void handle(SfnApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            JsonNode response;
            try {
                response = api.call(operation(exchange), body(exchange));
            } catch (ApiError e) {
                status = e.status();
                response = error(e.code(), e.getMessage());
            } catch (RuntimeException e) {
                status = 500;
                response = error("InternalFailure", "the embedded Step Functions failed: " + e);
            }
            byte[] bytes = JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String operation(HttpExchange exchange) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new ApiError("UnknownOperationException", "the AWS JSON protocol uses POST, got "
                    + exchange.getRequestMethod());
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new ApiError("UnknownOperationException", "X-Amz-Target must be AWSStepFunctions.<Operation>, got "
                    + target);
        }
        return target.substring(TARGET_PREFIX.length());
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ApiError("SerializationException", "the request body is not JSON: "
                    + new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8));
        }
        if (node == null || !node.isObject()) {
            throw new ApiError("SerializationException", "the request body must be a JSON object");
        }
        return node;
    }

    private static JsonNode error(String code, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("__type", code);
        node.put("message", message);
        return node;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
