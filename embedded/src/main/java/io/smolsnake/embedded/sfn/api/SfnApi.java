package io.smolsnake.embedded.sfn.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smolsnake.embedded.sfn.DefinitionException;
import io.smolsnake.embedded.sfn.Engine;
import io.smolsnake.embedded.sfn.EngineClock;
import io.smolsnake.embedded.sfn.Execution;
import io.smolsnake.embedded.sfn.ExecutionStatus;
import io.smolsnake.embedded.sfn.HistoryEvent;
import io.smolsnake.embedded.sfn.SfnException;
import io.smolsnake.embedded.sfn.StateMachine;
import io.smolsnake.embedded.sfn.store.SfnStore;
import io.smolsnake.embedded.sfn.store.StoredStateMachine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The Step Functions operations over JSON: request object in, response object out, {@link ApiError} for refusals. */
final class SfnApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The error codes the engine's {@link SfnException} messages start with. */
    private static final Set<String> ENGINE_CODES = Set.of("ExecutionAlreadyExists", "ExecutionDoesNotExist",
            "TaskDoesNotExist", "TaskTimedOut", "InvalidToken", "InvalidArn", "ExecutionNotRedrivable");

    private final Engine engine;
    private final SfnStore store;
    private final EngineClock clock;
    private final String region;
    private final String account;
    private final Map<String, StoredStateMachine> machines = new ConcurrentHashMap<>();
    private final Map<String, StateMachine> parsed = new ConcurrentHashMap<>();

    SfnApi(Engine engine, SfnStore store, EngineClock clock, String region, String account) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.region = region;
        this.account = account;
        for (StoredStateMachine m : store.stateMachines()) {
            machines.put(m.arn(), m);
        }
    }

    JsonNode call(String operation, JsonNode request) {
        try {
            return switch (operation) {
                case "CreateStateMachine" -> createStateMachine(request);
                case "UpdateStateMachine" -> updateStateMachine(request);
                case "DescribeStateMachine" -> describeStateMachine(request);
                case "ListStateMachines" -> listStateMachines(request);
                case "DeleteStateMachine" -> deleteStateMachine(request);
                case "StartExecution" -> startExecution(request);
                case "DescribeExecution" -> describeExecution(request);
                case "ListExecutions" -> listExecutions(request);
                case "GetExecutionHistory" -> getExecutionHistory(request);
                case "StopExecution" -> stopExecution(request);
                case "SendTaskSuccess" -> sendTaskSuccess(request);
                case "SendTaskFailure" -> sendTaskFailure(request);
                case "SendTaskHeartbeat" -> sendTaskHeartbeat(request);
                case "RedriveExecution" -> redriveExecution(request);
                default -> throw new ApiError("UnknownOperationException",
                        "the embedded Step Functions does not implement " + operation);
            };
        } catch (DefinitionException e) {
            throw new ApiError("InvalidDefinition", e.getMessage());
        } catch (SfnException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            int colon = message.indexOf(": ");
            if (colon > 0 && ENGINE_CODES.contains(message.substring(0, colon))) {
                throw new ApiError(message.substring(0, colon), message.substring(colon + 2));
            }
            throw new ApiError("ValidationException", message);
        }
    }

    // ---- state machines

    private JsonNode createStateMachine(JsonNode r) {
        String name = Names.name(required(r, "name"));
        String definition = required(r, "definition");
        String roleArn = required(r, "roleArn");
        String type = optional(r, "type", "STANDARD");
        if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
            throw ApiError.validation("1 validation error detected: Value '" + type
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        StateMachine machine = StateMachine.parse(definition);
        String arn = "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
        synchronized (machines) {
            StoredStateMachine existing = machines.get(arn);
            if (existing != null) {
                if (existing.definition().equals(definition) && existing.roleArn().equals(roleArn)
                        && existing.type().equals(type)) {
                    return created(existing);
                }
                throw new ApiError("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
            }
            StoredStateMachine stored = new StoredStateMachine(arn, name, definition, roleArn, type, clock.now(), null,
                    UUID.randomUUID().toString());
            machines.put(arn, stored);
            parsed.put(arn, machine);
            store.putStateMachine(stored);
            return created(stored);
        }
    }

    private static JsonNode created(StoredStateMachine m) {
        ObjectNode out = JSON.createObjectNode();
        out.put("stateMachineArn", m.arn());
        out.put("creationDate", seconds(m.creationDate()));
        return out;
    }

    private JsonNode updateStateMachine(JsonNode r) {
        String arn = Names.stateMachineArn(required(r, "stateMachineArn"));
        String definition = optional(r, "definition", null);
        String roleArn = optional(r, "roleArn", null);
        if (definition == null && roleArn == null) {
            throw new ApiError("MissingRequiredParameter", "Either the definition, the role ARN, the "
                    + "LoggingConfiguration, or the TracingConfiguration must be specified");
        }
        StateMachine machine = definition == null ? null : StateMachine.parse(definition);
        synchronized (machines) {
            StoredStateMachine old = machine(arn);
            Instant now = clock.now();
            StoredStateMachine updated = new StoredStateMachine(arn, old.name(),
                    definition == null ? old.definition() : definition, roleArn == null ? old.roleArn() : roleArn,
                    old.type(), old.creationDate(), now, UUID.randomUUID().toString());
            machines.put(arn, updated);
            if (machine != null) {
                parsed.put(arn, machine);
            }
            store.putStateMachine(updated);
            ObjectNode out = JSON.createObjectNode();
            out.put("updateDate", seconds(now));
            out.put("revisionId", updated.revisionId());
            return out;
        }
    }

    private JsonNode describeStateMachine(JsonNode r) {
        StoredStateMachine m = machine(Names.stateMachineArn(required(r, "stateMachineArn")));
        ObjectNode out = JSON.createObjectNode();
        out.put("stateMachineArn", m.arn());
        out.put("name", m.name());
        out.put("status", "ACTIVE");
        out.put("definition", m.definition());
        out.put("roleArn", m.roleArn());
        out.put("type", m.type());
        out.put("creationDate", seconds(m.creationDate()));
        out.put("revisionId", m.revisionId());
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        return out;
    }

    private JsonNode listStateMachines(JsonNode r) {
        List<StoredStateMachine> all = new ArrayList<>(machines.values());
        all.sort(Comparator.comparing(StoredStateMachine::name));
        Page page = Page.of(r, all.size(), 100);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("stateMachines");
        for (StoredStateMachine m : all.subList(page.from(), page.to())) {
            list.addObject().put("stateMachineArn", m.arn()).put("name", m.name()).put("type", m.type())
                    .put("creationDate", seconds(m.creationDate()));
        }
        page.next(out);
        return out;
    }

    private JsonNode deleteStateMachine(JsonNode r) {
        String arn = Names.stateMachineArn(required(r, "stateMachineArn"));
        synchronized (machines) {
            machines.remove(arn);
            parsed.remove(arn);
            store.removeStateMachine(arn);
        }
        return JSON.createObjectNode();
    }

    private StoredStateMachine machine(String arn) {
        StoredStateMachine m = machines.get(arn);
        if (m == null) {
            throw new ApiError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        return m;
    }

    private StateMachine parsed(StoredStateMachine m) {
        return parsed.computeIfAbsent(m.arn(), arn -> StateMachine.parse(m.definition()));
    }

    // ---- executions

    private JsonNode startExecution(JsonNode r) {
        String smArn = Names.stateMachineArn(required(r, "stateMachineArn"));
        String name = r.hasNonNull("name") ? Names.name(r.get("name").asText()) : UUID.randomUUID().toString();
        String inputText = optional(r, "input", "{}");
        JsonNode input;
        try {
            input = JSON.readTree(inputText);
        } catch (JsonProcessingException e) {
            throw new ApiError("InvalidExecutionInput", "Invalid execution input: " + e.getOriginalMessage());
        }
        if (input == null || input.isMissingNode()) {
            throw new ApiError("InvalidExecutionInput", "Invalid execution input: empty");
        }
        Execution execution;
        synchronized (machines) {
            StoredStateMachine m = machine(smArn);
            String arn = smArn.replace(":stateMachine:", ":execution:") + ":" + name;
            Execution existing = engine.execution(arn).orElse(null);
            if (existing != null) {
                // as AWS: the same name and input while it runs is the same execution
                if (existing.status() == ExecutionStatus.RUNNING && existing.input().equals(input)) {
                    execution = existing;
                } else {
                    throw new ApiError("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
                }
            } else {
                execution = engine.start(parsed(m), smArn, name, input);
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("executionArn", execution.arn());
        out.put("startDate", seconds(execution.startDate()));
        return out;
    }

    private Execution execution(JsonNode r) {
        String arn = Names.executionArn(required(r, "executionArn"));
        return engine.execution(arn).orElseThrow(() ->
                new ApiError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"));
    }

    private JsonNode describeExecution(JsonNode r) {
        Execution e = execution(r);
        ExecutionStatus status = e.status();
        ObjectNode out = JSON.createObjectNode();
        out.put("executionArn", e.arn());
        out.put("stateMachineArn", e.stateMachineArn());
        out.put("name", e.name());
        out.put("status", status.name());
        out.put("startDate", seconds(e.startDate()));
        if (e.stopDate() != null) {
            out.put("stopDate", seconds(e.stopDate()));
        }
        out.put("input", e.input().toString());
        out.putObject("inputDetails").put("included", true);
        if (status == ExecutionStatus.SUCCEEDED && e.output() != null) {
            out.put("output", e.output().toString());
            out.putObject("outputDetails").put("included", true);
        }
        if (e.error() != null) {
            out.put("error", e.error());
        }
        if (e.cause() != null) {
            out.put("cause", e.cause());
        }
        out.put("redriveCount", e.redriveCount());
        if (e.redriveDate() != null) {
            out.put("redriveDate", seconds(e.redriveDate()));
        }
        if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
            out.put("redriveStatus", "NOT_REDRIVABLE");
            out.put("redriveStatusReason", "Execution is " + status + " and cannot be redriven");
        } else {
            out.put("redriveStatus", "REDRIVABLE");
        }
        return out;
    }

    private JsonNode listExecutions(JsonNode r) {
        String smArn = Names.stateMachineArn(required(r, "stateMachineArn"));
        if (!machines.containsKey(smArn) && engine.executions().stream().noneMatch(e -> e.stateMachineArn().equals(smArn))) {
            throw new ApiError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + smArn + "'");
        }
        String filter = optional(r, "statusFilter", null);
        List<Execution> all = new ArrayList<>();
        for (Execution e : engine.executions()) {
            if (e.stateMachineArn().equals(smArn) && (filter == null || e.status().name().equals(filter))) {
                all.add(e);
            }
        }
        all.sort(Comparator.comparing(Execution::startDate).reversed().thenComparing(Execution::name));
        Page page = Page.of(r, all.size(), 100);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("executions");
        for (Execution e : all.subList(page.from(), page.to())) {
            ObjectNode item = list.addObject();
            item.put("executionArn", e.arn());
            item.put("stateMachineArn", e.stateMachineArn());
            item.put("name", e.name());
            item.put("status", e.status().name());
            item.put("startDate", seconds(e.startDate()));
            if (e.stopDate() != null) {
                item.put("stopDate", seconds(e.stopDate()));
            }
            item.put("redriveCount", e.redriveCount());
            if (e.redriveDate() != null) {
                item.put("redriveDate", seconds(e.redriveDate()));
            }
        }
        page.next(out);
        return out;
    }

    private JsonNode getExecutionHistory(JsonNode r) {
        Execution e = execution(r);
        boolean reverse = r.path("reverseOrder").asBoolean(false);
        boolean includeData = r.path("includeExecutionData").asBoolean(true);
        List<HistoryEvent> events = new ArrayList<>(e.history());
        if (reverse) {
            java.util.Collections.reverse(events);
        }
        Page page = Page.of(r, events.size(), 100);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("events");
        for (HistoryEvent ev : events.subList(page.from(), page.to())) {
            ObjectNode item = list.addObject();
            item.put("timestamp", seconds(ev.timestamp()));
            item.put("type", ev.type());
            item.put("id", ev.id());
            item.put("previousEventId", ev.previousEventId());
            if (ev.details() != null) {
                ObjectNode details = ev.details().deepCopy();
                if (!includeData) {
                    details.remove(List.of("input", "output", "parameters"));
                }
                item.set(ev.detailsField(), details);
            }
        }
        page.next(out);
        return out;
    }

    private JsonNode stopExecution(JsonNode r) {
        Execution e = execution(r);
        engine.stop(e.arn(), optional(r, "error", null), optional(r, "cause", null));
        ObjectNode out = JSON.createObjectNode();
        out.put("stopDate", seconds(e.stopDate() != null ? e.stopDate() : clock.now()));
        return out;
    }

    private JsonNode redriveExecution(JsonNode r) {
        Execution e = execution(r);
        engine.redrive(e.arn());
        ObjectNode out = JSON.createObjectNode();
        out.put("redriveDate", seconds(e.redriveDate()));
        return out;
    }

    // ---- task tokens

    private JsonNode sendTaskSuccess(JsonNode r) {
        String token = token(r);
        String text = required(r, "output");
        JsonNode output;
        try {
            output = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiError("InvalidOutput", "Invalid Output: " + e.getOriginalMessage());
        }
        if (output == null || output.isMissingNode()) {
            throw new ApiError("InvalidOutput", "Invalid Output: empty");
        }
        engine.sendTaskSuccess(token, output);
        return JSON.createObjectNode();
    }

    private JsonNode sendTaskFailure(JsonNode r) {
        engine.sendTaskFailure(token(r), optional(r, "error", null), optional(r, "cause", null));
        return JSON.createObjectNode();
    }

    private JsonNode sendTaskHeartbeat(JsonNode r) {
        engine.sendTaskHeartbeat(token(r));
        return JSON.createObjectNode();
    }

    private static String token(JsonNode r) {
        String token = required(r, "taskToken");
        if (token.isEmpty() || token.length() > 2048) {
            throw new ApiError("InvalidToken", "Invalid token");
        }
        return token;
    }

    // ---- helpers

    private static String required(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            throw ApiError.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v.isTextual() ? v.textValue() : v.toString();
    }

    private static String optional(JsonNode r, String field, String otherwise) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? otherwise : v.isTextual() ? v.textValue() : v.toString();
    }

    /** AWS JSON protocol timestamps: epoch seconds, with milliseconds. */
    static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    /** One page of a list: {@code maxResults} (0 means the default) and an opaque {@code nextToken}. */
    record Page(int from, int to, int size) {
        static Page of(JsonNode r, int size, int defaultMax) {
            int max = r.path("maxResults").asInt(0);
            if (max < 0 || max > 1000) {
                throw ApiError.validation("1 validation error detected: Value '" + max
                        + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
            }
            if (max == 0) {
                max = defaultMax;
            }
            int from = 0;
            JsonNode token = r.get("nextToken");
            if (token != null && !token.isNull()) {
                from = decode(token.asText());
                if (from > size) {
                    throw new ApiError("InvalidToken", "Invalid Token: '" + token.asText() + "'");
                }
            }
            return new Page(from, Math.min(size, from + max), size);
        }

        void next(ObjectNode out) {
            if (to < size) {
                out.put("nextToken", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(("page:" + to).getBytes(StandardCharsets.UTF_8)));
            }
        }

        private static int decode(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                if (text.startsWith("page:")) {
                    return Integer.parseInt(text.substring(5));
                }
            } catch (IllegalArgumentException e) {
                // falls through to the error
            }
            throw new ApiError("InvalidToken", "Invalid Token: '" + token + "'");
        }
    }
}
