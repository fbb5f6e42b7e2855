package io.smolsnake.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker's log: one JSON object per line with the time, level, service name, event and the
 * fields given. Task tokens are never written: {@link #taskId(String)} stands for one.
 */
final class JsonLog {
    static final String SERVICE = "install-task";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    JsonLog(PrintStream out) {
        this.out = out;
    }

    void info(String event, Object... fields) {
        write("INFO", event, fields);
    }

    void warn(String event, Object... fields) {
        write("WARN", event, fields);
    }

    void error(String event, Object... fields) {
        write("ERROR", event, fields);
    }

    private void write(String level, String event, Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("service", SERVICE);
        line.put("event", event);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                line.put(String.valueOf(fields[i]), fields[i + 1]);
            }
        }
        String text;
        try {
            text = JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            text = "{\"level\":\"ERROR\",\"service\":\"" + SERVICE + "\",\"event\":\"log.unwritable\"}";
        }
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    /** A short stable id for a task token (its sha256's first 16 hex digits): loggable, not usable. */
    static String taskId(String token) {
        if (token == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
