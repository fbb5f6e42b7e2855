package io.smolsnake.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A Step Functions endpoint that records {@code SendTaskSuccess}, {@code SendTaskFailure} and
 * {@code SendTaskHeartbeat} (AWS JSON 1.0). Like Step Functions it answers {@code TaskTimedOut}
 * for a token whose task already succeeded or failed, and for tokens told to time out.
 */
final class RecordingSfn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded call: the action ({@code SendTaskSuccess}) and its JSON body. */
    record Call(String action, JsonNode body) {
        String token() {
            return body.path("taskToken").asText();
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Set<String> closed = ConcurrentHashMap.newKeySet();
    final URI endpoint;
    final SfnClient client;

    RecordingSfn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        client = SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(Sqs.CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** From now on, calls with {@code token} are answered {@code TaskTimedOut}. */
    void timeOut(String token) {
        closed.add(token);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    /** Waits (up to a minute) until a recorded call matches. */
    synchronized Call await(Predicate<Call> matching) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            for (Call call : calls) {
                if (matching.test(call)) {
                    return call;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching Step Functions call within 60 s; calls: " + calls);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    Call await(String action, String token) throws InterruptedException {
        return await(c -> c.action().equals(action) && c.token().equals(token));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String action = target == null ? "" : target.substring(target.indexOf('.') + 1);
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String token = body.path("taskToken").asText();
        boolean timedOut = closed.contains(token);
        if (!timedOut && !action.equals("SendTaskHeartbeat")) {
            closed.add(token);
        }
        synchronized (this) {
            calls.add(new Call(action, body));
            notifyAll();
        }
        if (timedOut) {
            respond(exchange, 400, "{\"__type\":\"com.amazonaws.swf.service.v2.model#TaskTimedOut\","
                    + "\"message\":\"Task Timed Out: 'Provided task does not exist anymore'\"}");
        } else {
            respond(exchange, 200, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        client.close();
        server.stop(0);
    }
}
