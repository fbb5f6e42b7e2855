package io.smolsnake.pypackaging.index;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real HTTP server on 127.0.0.1 with an ephemeral port, serving routes and logging requests. */
final class TestServer implements AutoCloseable {
    private static final String RECORDER = "test.recorder";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** One request as the server saw it, and how many body bytes were sent back. */
    record Request(String path, Map<String, String> headers, int status, int bytesSent) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Answers a request; returns the status it sent and the body length. */
    @FunctionalInterface
    interface Route {
        int[] handle(HttpExchange exchange, int callNumber) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final List<Request> log = new CopyOnWriteArrayList<>();

    TestServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::dispatch);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Request> requests(String path) {
        return log.stream().filter(r -> r.path().equals(path)).toList();
    }

    TestServer route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /** A fixed body with a content type, and optional ETag honoured with 304. */
    TestServer page(String path, String contentType, String body, String etag) {
        return route(path, (ex, n) -> {
            if (etag != null && etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                return send(ex, 304, null, new byte[0], Map.of("ETag", etag));
            }
            return send(ex, 200, contentType, body.getBytes(StandardCharsets.UTF_8),
                    etag == null ? Map.of() : Map.of("ETag", etag));
        });
    }

    /** A file that honours {@code Range} (or ignores it when {@code ranges} is false). */
    TestServer file(String path, byte[] bytes, boolean ranges) {
        return route(path, (ex, n) -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            if (!ranges || range == null) {
                return send(ex, 200, "application/octet-stream", bytes, Map.of());
            }
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                return send(ex, 416, null, new byte[0], Map.of());
            }
            long start;
            long end;
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                start = Math.max(0, bytes.length - suffix);
                end = bytes.length - 1;
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? bytes.length - 1 : Math.min(bytes.length - 1, Long.parseLong(m.group(2)));
            }
            byte[] part = java.util.Arrays.copyOfRange(bytes, (int) start, (int) end + 1);
            return send(ex, 206, "application/octet-stream", part,
                    Map.of("Content-Range", "bytes " + start + "-" + end + "/" + bytes.length));
        });
    }

    @SuppressWarnings("unchecked")
    static int[] send(HttpExchange ex, int status, String contentType, byte[] body, Map<String, String> headers)
            throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().add("Content-Type", contentType);
        }
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        Object recorder = ex.getAttribute(RECORDER);
        if (recorder != null) {
            // logged before the response goes out, so a test that got the response sees the entry
            ((java.util.function.BiConsumer<Integer, Integer>) recorder).accept(status, body.length);
        }
        boolean empty = status == 304 || body.length == 0;
        ex.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            ex.getResponseBody().write(body);
        }
        ex.close();
        return new int[] {status, body.length};
    }

    private void dispatch(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        Map<String, String> headers = new java.util.TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        int n = calls.merge(path, 1, Integer::sum);
        Route route = routes.get(path);
        ex.setAttribute(RECORDER, (java.util.function.BiConsumer<Integer, Integer>)
                (status, bytes) -> log.add(new Request(path, headers, status, bytes)));
        try {
            if (route == null) {
                send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8), Map.of());
            } else {
                route.handle(ex, n);
            }
        } catch (IOException | RuntimeException e) {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
