package io.smolsnake.embedded.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One warm Python process running {@code runtime_loop.py}: INIT once, then one invocation at a
 * time. Requests go to its stdin as JSON lines; answers come back on its stdout; its stderr is
 * the log stream, cut into invocations by marker lines.
 */
final class ExecutionEnvironment implements AutoCloseable {
    private static final String MARK = "\u001esmolsnake-end ";
    private static final Object EOF = new Object();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final PythonFunction function;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> marks = new LinkedBlockingQueue<>();
    private final Consumer<String> logSink;
    private final StringBuilder logs = new StringBuilder();
    private final Double initDurationMs;
    private final JsonNode initError;
    private boolean cold = true;
    private boolean dead;
    private volatile boolean eof;

    ExecutionEnvironment(ObjectMapper json, PythonFunction function, List<String> command,
            java.util.Map<String, String> env, Consumer<String> logSink, long initStartNanos) throws IOException {
        this.json = json;
        this.function = function;
        this.logSink = logSink;
        ProcessBuilder builder = new ProcessBuilder(command).directory(function.taskRoot().toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        this.process = builder.start();
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(this::readAnswers, "lambda-" + function.name() + "-out");
        Thread err = new Thread(this::readLogs, "lambda-" + function.name() + "-logs");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        JsonNode init = next(initStartNanos + TimeUnit.SECONDS.toNanos(Math.max(10, function.timeoutSeconds())));
        awaitMark("init");
        if (init == null) {
            close();
            this.initDurationMs = (System.nanoTime() - initStartNanos) / 1e6;
            this.initError = errorDocument(eof ? "Runtime.ExitError" : "Sandbox.Timedout", eof
                    ? "Runtime exited with error: exit status " + exitStatus() + " during INIT"
                    : "INIT did not finish within " + Math.max(10, function.timeoutSeconds()) + " seconds");
            return;
        }
        this.initDurationMs = init.path("durationMs").asDouble();
        this.initError = init.path("error").isObject() ? init.get("error") : null;
    }

    boolean alive() {
        return !dead && process.isAlive() && initError == null;
    }

    PythonFunction function() {
        return function;
    }

    /** Runs one invocation; after a timeout, a crash or a failed INIT the environment is dead. */
    Invocation invoke(String requestId, byte[] payload, String invokedArn, String clientContext) {
        long start = System.nanoTime();
        boolean wasCold = cold;
        cold = false;
        String version = function.version();
        StringBuilder lines = new StringBuilder();
        if (wasCold) {
            synchronized (logs) {
                lines.append(logs);
                logs.setLength(0);
            }
        }
        lines.append("START RequestId: ").append(requestId).append(" Version: ").append(version).append('\n');
        JsonNode answer;
        if (initError != null) {
            answer = json.createObjectNode().set("error", initError);
        } else {
            answer = send(requestId, payload, invokedArn, clientContext, start);
        }
        double durationMs = (System.nanoTime() - start) / 1e6;
        synchronized (logs) {
            lines.append(logs);
            logs.setLength(0);
        }
        byte[] body;
        String functionError = null;
        if (answer.has("error")) {
            functionError = "Unhandled";
            body = bytes(answer.get("error"));
            if (answer.get("error").path("errorType").asText().equals("Sandbox.Timedout")) {
                lines.append(TIMESTAMP.format(Instant.now())).append(' ').append(requestId)
                        .append(" Task timed out after ").append(String.format(java.util.Locale.ROOT, "%.2f",
                                (double) function.timeoutSeconds())).append(" seconds\n");
                body = bytes(json.createObjectNode().put("errorMessage", TIMESTAMP.format(Instant.now()) + " "
                        + requestId + " Task timed out after " + String.format(java.util.Locale.ROOT, "%.2f",
                        (double) function.timeoutSeconds()) + " seconds"));
            }
        } else {
            body = answer.path("payload").asText("null").getBytes(StandardCharsets.UTF_8);
        }
        lines.append("END RequestId: ").append(requestId).append('\n');
        Invocation.Report report = new Invocation.Report(requestId, durationMs, (long) Math.ceil(durationMs),
                function.memoryMb(), answer.path("maxMemoryMb").asLong(0), wasCold ? initDurationMs : null);
        lines.append(report.line()).append('\n');
        return new Invocation(body, functionError, lines.toString(), version, report);
    }

    private JsonNode send(String requestId, byte[] payload, String invokedArn, String clientContext, long start) {
        long deadline = start + TimeUnit.SECONDS.toNanos(function.timeoutSeconds());
        ObjectNode request = json.createObjectNode()
                .put("requestId", requestId)
                .put("payload", new String(payload, StandardCharsets.UTF_8))
                .put("deadlineMs", System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(function.timeoutSeconds()))
                .put("invokedFunctionArn", invokedArn);
        if (clientContext != null) {
            request.put("clientContext", clientContext);
        }
        try {
            stdin.write(json.writeValueAsString(request));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            dead = true;
            return exited(requestId);
        }
        JsonNode answer = next(deadline);
        if (answer == null) {
            boolean timedOut = !eof;
            close();
            return timedOut ? json.createObjectNode().set("error", errorDocument("Sandbox.Timedout", "timed out"))
                    : exited(requestId);
        }
        awaitMark(requestId);
        if (answer.path("error").path("errorType").asText().equals("Runtime.ExitError")) {
            close();
        }
        return answer;
    }

    private JsonNode exited(String requestId) {
        close();
        return json.createObjectNode().set("error", errorDocument("Runtime.ExitError",
                "RequestId: " + requestId + " Error: Runtime exited with error: exit status " + exitStatus()));
    }

    private String exitStatus() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private ObjectNode errorDocument(String type, String message) {
        ObjectNode error = json.createObjectNode().put("errorMessage", message).put("errorType", type);
        error.putArray("stackTrace");
        return error;
    }

    private JsonNode next(long deadlineNanos) {
        try {
            Object answer = answers.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (answer == EOF) {
                eof = true;
            }
            return answer instanceof JsonNode node ? node : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void awaitMark(String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            String mark;
            while ((mark = marks.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (mark.equals(id)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAnswers() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                answers.add(json.readTree(line));
            }
        } catch (IOException e) {
            // the process ended; the caller sees no answer
        } finally {
            answers.add(EOF);
        }
    }

    private void readLogs() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(MARK)) {
                    marks.add(line.substring(MARK.length()));
                    continue;
                }
                synchronized (logs) {
                    logs.append(line).append('\n');
                }
                logSink.accept(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dead = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
