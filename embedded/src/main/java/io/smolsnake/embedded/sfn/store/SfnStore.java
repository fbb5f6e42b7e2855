package io.smolsnake.embedded.sfn.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smolsnake.embedded.sfn.ExecutionJournal;
import io.smolsnake.embedded.sfn.ExecutionSnapshot;
import io.smolsnake.embedded.sfn.ExecutionStatus;
import io.smolsnake.embedded.sfn.HistoryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Where the embedded Step Functions keeps its state machines and executions: an H2 MVStore, in a
 * file under a data directory (so everything survives a restart) or in memory.
 *
 * <p>Writes are committed by the store's background writer within about a second, and at
 * {@link #close()}. After a crash the store holds a consistent state as of its last commit: an
 * execution's history, status and progress always agree with one another.
 */
public final class SfnStore implements ExecutionJournal, AutoCloseable {
    /** The file under the data directory. */
    public static final String FILE_NAME = "stepfunctions.mv.db";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char SEP = '\u0000';

    private final MVStore store;
    private final MVMap<String, String> machines;
    private final MVMap<String, String> executions;
    private final MVMap<String, String> events;
    private final MVMap<String, String> progress;

    private SfnStore(MVStore store) {
        this.store = store;
        this.machines = store.openMap("stateMachines");
        this.executions = store.openMap("executions");
        this.events = store.openMap("events");
        this.progress = store.openMap("progress");
    }

    /**
     * Opens (or creates) the store in {@code dataDir}.
     *
     * @throws StoreException if the directory cannot be made or the file is not a store, or is in use
     */
    public static SfnStore open(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            return new SfnStore(new MVStore.Builder().fileName(file.toString()).autoCommitBufferSize(4096).open());
        } catch (java.io.IOException | MVStoreException e) {
            throw new StoreException("cannot open the Step Functions store " + file + ": " + e.getMessage(), e);
        }
    }

    /** A store that lives as long as this object. */
    public static SfnStore inMemory() {
        return new SfnStore(new MVStore.Builder().open());
    }

    // ---- state machines

    public void putStateMachine(StoredStateMachine machine) {
        ObjectNode node = JSON.createObjectNode();
        node.put("arn", machine.arn());
        node.put("name", machine.name());
        node.put("definition", machine.definition());
        node.put("roleArn", machine.roleArn());
        node.put("type", machine.type());
        node.put("creationDate", machine.creationDate().toString());
        node.put("updateDate", machine.updateDate() == null ? null : machine.updateDate().toString());
        node.put("revisionId", machine.revisionId());
        machines.put(machine.arn(), node.toString());
    }

    public void removeStateMachine(String arn) {
        machines.remove(arn);
    }

    /** Every state machine, by ARN order. */
    public List<StoredStateMachine> stateMachines() {
        List<StoredStateMachine> all = new ArrayList<>();
        for (String text : machines.values()) {
            JsonNode n = read(text);
            all.add(new StoredStateMachine(n.get("arn").asText(), n.get("name").asText(),
                    n.get("definition").asText(), n.get("roleArn").asText(), n.get("type").asText(),
                    Instant.parse(n.get("creationDate").asText()), instant(n.get("updateDate")),
                    n.get("revisionId").asText()));
        }
        return all;
    }

    // ---- executions (ExecutionJournal)

    @Override
    public void saved(ExecutionSnapshot e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("arn", e.arn());
        node.put("name", e.name());
        node.put("stateMachineArn", e.stateMachineArn());
        node.put("definition", e.definition());
        node.set("input", e.input());
        node.put("startDate", e.startDate().toString());
        node.put("status", e.status().name());
        node.put("stopDate", e.stopDate() == null ? null : e.stopDate().toString());
        node.set("output", e.output());
        node.put("error", e.error());
        node.put("cause", e.cause());
        node.put("redriveCount", e.redriveCount());
        node.put("redriveDate", e.redriveDate() == null ? null : e.redriveDate().toString());
        executions.put(e.arn(), node.toString());
    }

    @Override
    public void appended(String executionArn, HistoryEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", event.id());
        node.put("previousEventId", event.previousEventId());
        node.put("timestamp", event.timestamp().toString());
        node.put("type", event.type());
        node.set("details", event.details());
        events.put(executionArn + SEP + String.format("%010d", event.id()), node.toString());
    }

    @Override
    public void progressed(String executionArn, String key, String value) {
        if (value == null) {
            progress.remove(executionArn + SEP + key);
        } else {
            progress.put(executionArn + SEP + key, value);
        }
    }

    @Override
    public void progressCleared(String executionArn, String keyPrefix) {
        String from = executionArn + SEP + keyPrefix;
        List<String> doomed = new ArrayList<>();
        for (Iterator<String> it = progress.keyIterator(from); it.hasNext(); ) {
            String key = it.next();
            if (!key.startsWith(from)) {
                break;
            }
            doomed.add(key);
        }
        doomed.forEach(progress::remove);
    }

    @Override
    public List<Saved> load() {
        List<Saved> all = new ArrayList<>();
        for (String text : executions.values()) {
            JsonNode n = read(text);
            String arn = n.get("arn").asText();
            ExecutionSnapshot snapshot = new ExecutionSnapshot(arn, n.get("name").asText(),
                    n.get("stateMachineArn").asText(), n.get("definition").asText(), n.get("input"),
                    Instant.parse(n.get("startDate").asText()), ExecutionStatus.valueOf(n.get("status").asText()),
                    instant(n.get("stopDate")), n.get("output") == null || n.get("output").isNull() ? null
                            : n.get("output"), text(n.get("error")), text(n.get("cause")),
                    n.get("redriveCount").asInt(), instant(n.get("redriveDate")));
            List<HistoryEvent> history = new ArrayList<>();
            for (Map.Entry<String, String> e : under(events, arn + SEP).entrySet()) {
                JsonNode ev = read(e.getValue());
                JsonNode details = ev.get("details");
                history.add(new HistoryEvent(ev.get("id").asLong(), ev.get("previousEventId").asLong(),
                        Instant.parse(ev.get("timestamp").asText()), ev.get("type").asText(),
                        details instanceof ObjectNode o ? o : null));
            }
            Map<String, String> saved = new HashMap<>();
            for (Map.Entry<String, String> e : under(progress, arn + SEP).entrySet()) {
                saved.put(e.getKey().substring(arn.length() + 1), e.getValue());
            }
            all.add(new Saved(snapshot, history, saved));
        }
        return all;
    }

    /** Writes everything to disk and closes the file; idempotent. */
    @Override
    public void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    private static Map<String, String> under(MVMap<String, String> map, String prefix) {
        Map<String, String> found = new java.util.LinkedHashMap<>();
        for (Iterator<String> it = map.keyIterator(prefix); it.hasNext(); ) {
            String key = it.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            found.put(key, map.get(key));
        }
        return found;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("the Step Functions store holds a record that is not JSON: " + text, e);
        }
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
