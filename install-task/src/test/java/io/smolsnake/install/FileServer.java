package io.smolsnake.install;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server for wheels, with the failures a download meets: answers that start with errors,
 * and a first answer held after half its bytes (a download in progress) until {@link #release()}.
 */
final class FileServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);
    private volatile String held;

    FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code bytes} at {@code /name}; returns its URL. */
    String serve(String name, byte[] bytes) {
        files.put("/" + name, bytes);
        return url(name);
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** The next {@code count} requests for {@code name} are answered with {@code status}. */
    void failNext(String name, int count, int status) {
        failures.put("/" + name, count * 1000 + status);
    }

    /** The first request for {@code name} stops after half its bytes until {@link #release()}. */
    void holdFirst(String name) {
        held = "/" + name;
    }

    /** Waits until a held answer has sent its first half. */
    void awaitHolding() throws InterruptedException {
        if (!holding.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("nobody downloaded the held file within 60 s");
        }
    }

    void release() {
        released.countDown();
    }

    int requests(String name) {
        AtomicInteger count = requests.get("/" + name);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Integer failure = failures.get(path);
        if (failure != null && failure >= 1000) {
            failures.put(path, failure - 1000);
            exchange.sendResponseHeaders(failure % 1000, -1);
            exchange.close();
            return;
        }
        byte[] bytes = files.get(path);
        if (bytes == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (path.equals(held)) {
                held = null;
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                holding.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            } else {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client went away (a killed worker)
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
