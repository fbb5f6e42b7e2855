package io.smolsnake.core.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One JSON line per event of a stage invocation, with the service name, the request id and
 * whether this invocation started the execution environment. Task tokens and credentials are
 * never passed here.
 */
public final class StageLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String service;
    private final String requestId;
    private final boolean coldStart;
    private final Consumer<String> sink;

    public StageLog(String service, String requestId, boolean coldStart, Consumer<String> sink) {
        this.service = Objects.requireNonNull(service, "service");
        this.requestId = requestId;
        this.coldStart = coldStart;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        write("ERROR", message, fields);
    }

    private void write(String level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("service", service);
        line.put("requestId", requestId);
        line.put("coldStart", coldStart);
        line.put("message", message);
        line.putAll(fields);
        try {
            sink.accept(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            sink.accept("{\"level\":\"ERROR\",\"service\":\"" + service + "\",\"message\":\"unloggable fields\"}");
        }
    }
}
