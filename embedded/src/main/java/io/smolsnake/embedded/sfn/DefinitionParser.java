package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a definition into {@link State} records, collecting every problem with its JSON pointer. */
final class DefinitionParser {
    static final Set<String> COMPARISONS = Set.of(
            "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals",
            "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals",
            "NumericGreaterThanEquals", "BooleanEquals", "TimestampEquals", "TimestampLessThan",
            "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals");
    static final Set<String> TESTS = Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean",
            "IsTimestamp", "StringMatches");

    private final List<String> problems = new ArrayList<>();

    static State.Branch parse(JsonNode root) {
        DefinitionParser parser = new DefinitionParser();
        State.Branch top = parser.branch(root, "");
        if (!parser.problems.isEmpty()) {
            throw new DefinitionException(parser.problems);
        }
        return top;
    }

    private State.Branch branch(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            problems.add(pointer(at) + ": expected an object with StartAt and States");
            return new State.Branch(null, Map.of());
        }
        String startAt = text(node, "StartAt", at, true);
        JsonNode statesNode = node.get("States");
        Map<String, State> states = new LinkedHashMap<>();
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            problems.add(at + "/States: required, an object with at least one state");
        } else {
            Iterator<Map.Entry<String, JsonNode>> it = statesNode.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().isEmpty() || e.getKey().length() > 80) {
                    problems.add(at + "/States/" + e.getKey() + ": a state name must be 1 to 80 characters");
                }
                State s = state(e.getKey(), e.getValue(), at + "/States/" + escape(e.getKey()));
                if (s != null) {
                    states.put(e.getKey(), s);
                }
            }
            if (startAt != null && !statesNode.has(startAt)) {
                problems.add(at + "/StartAt: state '" + startAt + "' does not exist");
            }
            checkTransitions(states, statesNode, at);
        }
        return new State.Branch(startAt, states);
    }

    private void checkTransitions(Map<String, State> states, JsonNode statesNode, String at) {
        for (State s : states.values()) {
            String base = at + "/States/" + escape(s.name());
            List<String[]> targets = new ArrayList<>();
            State.Transition t = State.transitionOf(s);
            if (t != null && !t.isEnd()) {
                targets.add(new String[] {base + "/Next", t.next()});
            }
            if (s instanceof State.Choice c) {
                for (int i = 0; i < c.choices().size(); i++) {
                    targets.add(new String[] {base + "/Choices/" + i + "/Next", c.choices().get(i).next()});
                }
                if (c.defaultNext() != null) {
                    targets.add(new String[] {base + "/Default", c.defaultNext()});
                }
            }
            State.Results results = State.resultsOf(s);
            if (results != null) {
                for (int i = 0; i < results.catches().size(); i++) {
                    targets.add(new String[] {base + "/Catch/" + i + "/Next", results.catches().get(i).next()});
                }
            }
            for (String[] target : targets) {
                if (target[1] != null && !statesNode.has(target[1])) {
                    problems.add(target[0] + ": state '" + target[1] + "' does not exist");
                }
            }
        }
    }

    private State state(String name, JsonNode node, String at) {
        if (!node.isObject()) {
            problems.add(at + ": expected an object");
            return null;
        }
        String type = text(node, "Type", at, true);
        if (type == null) {
            return null;
        }
        State.Io io = new State.Io(path(node, "InputPath", at), path(node, "OutputPath", at));
        switch (type) {
            case "Pass": {
                JsonNode parameters = template(node, "Parameters", at);
                return new State.Pass(name, io, parameters, node.get("Result"), resultPath(node, at),
                        transition(node, at));
            }
            case "Task": {
                String resource = text(node, "Resource", at, true);
                Long timeout = seconds(node, "TimeoutSeconds", at);
                Long heartbeat = seconds(node, "HeartbeatSeconds", at);
                String timeoutPath = jsonPath(node, "TimeoutSecondsPath", at);
                String heartbeatPath = jsonPath(node, "HeartbeatSecondsPath", at);
                if (timeout != null && timeoutPath != null) {
                    problems.add(at + ": TimeoutSeconds and TimeoutSecondsPath are mutually exclusive");
                }
                if (heartbeat != null && heartbeatPath != null) {
                    problems.add(at + ": HeartbeatSeconds and HeartbeatSecondsPath are mutually exclusive");
                }
                if (timeout != null && heartbeat != null && heartbeat >= timeout) {
                    problems.add(at + "/HeartbeatSeconds: must be smaller than TimeoutSeconds");
                }
                return new State.Task(name, io, resource == null ? "" : resource, template(node, "Parameters", at),
                        results(node, at), timeout, timeoutPath, heartbeat, heartbeatPath, transition(node, at));
            }
            case "Choice": {
                JsonNode choices = node.get("Choices");
                List<State.Rule> rules = new ArrayList<>();
                if (choices == null || !choices.isArray() || choices.isEmpty()) {
                    problems.add(at + "/Choices: required, a non-empty array");
                } else {
                    for (int i = 0; i < choices.size(); i++) {
                        String ruleAt = at + "/Choices/" + i;
                        Condition c = condition(choices.get(i), ruleAt);
                        String next = text(choices.get(i), "Next", ruleAt, true);
                        rules.add(new State.Rule(c, next));
                    }
                }
                if (node.has("Next") || node.has("End")) {
                    problems.add(at + ": a Choice state has no Next or End");
                }
                return new State.Choice(name, io, rules, text(node, "Default", at, false));
            }
            case "Wait": {
                int n = 0;
                for (String f : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
                    n += node.has(f) ? 1 : 0;
                }
                if (n != 1) {
                    problems.add(at + ": exactly one of Seconds, SecondsPath, Timestamp, TimestampPath is required");
                }
                String timestamp = text(node, "Timestamp", at, false);
                if (timestamp != null && Timestamps.parse(timestamp) == null) {
                    problems.add(at + "/Timestamp: '" + timestamp + "' is not an RFC 3339 timestamp");
                }
                return new State.Wait(name, io, seconds(node, "Seconds", at), jsonPath(node, "SecondsPath", at),
                        timestamp, jsonPath(node, "TimestampPath", at), transition(node, at));
            }
            case "Succeed":
                return new State.Succeed(name, io);
            case "Fail": {
                String error = text(node, "Error", at, false);
                String cause = text(node, "Cause", at, false);
                String errorPath = dynamicText(node, "ErrorPath", at);
                String causePath = dynamicText(node, "CausePath", at);
                if (error != null && errorPath != null) {
                    problems.add(at + ": Error and ErrorPath are mutually exclusive");
                }
                if (cause != null && causePath != null) {
                    problems.add(at + ": Cause and CausePath are mutually exclusive");
                }
                return new State.Fail(name, error, errorPath, cause, causePath);
            }
            case "Parallel": {
                JsonNode branches = node.get("Branches");
                List<State.Branch> list = new ArrayList<>();
                if (branches == null || !branches.isArray() || branches.isEmpty()) {
                    problems.add(at + "/Branches: required, a non-empty array");
                } else {
                    for (int i = 0; i < branches.size(); i++) {
                        list.add(branch(branches.get(i), at + "/Branches/" + i));
                    }
                }
                return new State.Parallel(name, io, template(node, "Parameters", at), list, results(node, at),
                        transition(node, at));
            }
            case "Map": {
                String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
                JsonNode processor = node.get(processorField);
                JsonNode config = processor == null ? null : processor.get("ProcessorConfig");
                if (config != null && "DISTRIBUTED".equals(config.path("Mode").asText())) {
                    problems.add(at + "/" + processorField + "/ProcessorConfig/Mode: DISTRIBUTED is not supported"
                            + " by the embedded engine (inline Map only)");
                }
                for (String unsupported : List.of("ItemReader", "ItemBatcher", "ResultWriter")) {
                    if (node.has(unsupported)) {
                        problems.add(at + "/" + unsupported + ": not supported by the embedded engine (inline Map only)");
                    }
                }
                JsonNode selector = node.has("ItemSelector") ? template(node, "ItemSelector", at)
                        : template(node, "Parameters", at);
                if (node.has("ItemSelector") && node.has("Parameters")) {
                    problems.add(at + ": ItemSelector and Parameters are mutually exclusive");
                }
                BigDecimal percentage = null;
                if (node.has("ToleratedFailurePercentage")) {
                    JsonNode p = node.get("ToleratedFailurePercentage");
                    if (!p.isNumber() || p.doubleValue() < 0 || p.doubleValue() > 100) {
                        problems.add(at + "/ToleratedFailurePercentage: must be a number between 0 and 100");
                    } else {
                        percentage = p.decimalValue();
                    }
                }
                State.Branch body = processor == null ? null : branch(processor, at + "/" + processorField);
                if (processor == null) {
                    problems.add(at + ": ItemProcessor (or Iterator) is required");
                }
                return new State.Map(name, io, jsonPath(node, "ItemsPath", at), selector, body,
                        count(node, "MaxConcurrency", at), jsonPath(node, "MaxConcurrencyPath", at),
                        count(node, "ToleratedFailureCount", at), percentage, results(node, at),
                        transition(node, at));
            }
            default:
                problems.add(at + "/Type: unknown state type '" + type + "'");
                return null;
        }
    }

    private State.Results results(JsonNode node, String at) {
        List<State.Retrier> retry = new ArrayList<>();
        JsonNode r = node.get("Retry");
        if (r != null) {
            if (!r.isArray()) {
                problems.add(at + "/Retry: must be an array");
            } else {
                for (int i = 0; i < r.size(); i++) {
                    JsonNode rn = r.get(i);
                    String rat = at + "/Retry/" + i;
                    List<String> errors = errorEquals(rn, rat);
                    long interval = rn.has("IntervalSeconds") ? positive(rn, "IntervalSeconds", rat, 1) : 1;
                    long max = rn.has("MaxAttempts") ? positive(rn, "MaxAttempts", rat, 0) : 3;
                    double backoff = 2.0;
                    if (rn.has("BackoffRate")) {
                        if (!rn.get("BackoffRate").isNumber() || rn.get("BackoffRate").doubleValue() < 1.0) {
                            problems.add(rat + "/BackoffRate: must be a number greater than or equal to 1.0");
                        } else {
                            backoff = rn.get("BackoffRate").doubleValue();
                        }
                    }
                    Long maxDelay = rn.has("MaxDelaySeconds") ? positive(rn, "MaxDelaySeconds", rat, 1) : null;
                    String jitter = rn.path("JitterStrategy").asText("NONE");
                    if (!jitter.equals("FULL") && !jitter.equals("NONE")) {
                        problems.add(rat + "/JitterStrategy: must be FULL or NONE");
                    }
                    retry.add(new State.Retrier(errors, interval, max, backoff, maxDelay, jitter.equals("FULL")));
                }
            }
        }
        List<State.Catcher> catches = new ArrayList<>();
        JsonNode c = node.get("Catch");
        if (c != null) {
            if (!c.isArray()) {
                problems.add(at + "/Catch: must be an array");
            } else {
                for (int i = 0; i < c.size(); i++) {
                    String cat = at + "/Catch/" + i;
                    catches.add(new State.Catcher(errorEquals(c.get(i), cat), text(c.get(i), "Next", cat, true),
                            resultPath(c.get(i), cat)));
                }
            }
        }
        return new State.Results(template(node, "ResultSelector", at), resultPath(node, at), retry, catches);
    }

    private List<String> errorEquals(JsonNode node, String at) {
        JsonNode e = node.get("ErrorEquals");
        List<String> out = new ArrayList<>();
        if (e == null || !e.isArray() || e.isEmpty()) {
            problems.add(at + "/ErrorEquals: required, a non-empty array of error names");
            return out;
        }
        e.forEach(n -> out.add(n.asText()));
        if (out.contains("States.ALL") && out.size() > 1) {
            problems.add(at + "/ErrorEquals: States.ALL must appear alone");
        }
        return out;
    }

    private Condition condition(JsonNode node, String at) {
        if (!node.isObject()) {
            problems.add(at + ": a choice rule must be an object");
            return new Condition.Or(List.of());
        }
        if (node.has("And") || node.has("Or")) {
            String op = node.has("And") ? "And" : "Or";
            JsonNode list = node.get(op);
            List<Condition> parts = new ArrayList<>();
            if (!list.isArray() || list.isEmpty()) {
                problems.add(at + "/" + op + ": must be a non-empty array of rules");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    parts.add(condition(list.get(i), at + "/" + op + "/" + i));
                }
            }
            return op.equals("And") ? new Condition.And(parts) : new Condition.Or(parts);
        }
        if (node.has("Not")) {
            return new Condition.Not(condition(node.get("Not"), at + "/Not"));
        }
        String variable = text(node, "Variable", at, true);
        if (variable != null && !JsonPaths.isValid(variable)) {
            problems.add(at + "/Variable: '" + variable + "' is not a valid JSONPath");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            String base = field.endsWith("Path") && !field.equals("IsPresent") ? field.substring(0, field.length() - 4) : field;
            boolean isPath = !base.equals(field);
            if (COMPARISONS.contains(base) || TESTS.contains(field) || (isPath && base.equals("StringMatches"))) {
                JsonNode value = node.get(field);
                if (isPath && (!value.isTextual() || !JsonPaths.isValid(value.textValue()))) {
                    problems.add(at + "/" + field + ": must be a valid JSONPath");
                } else if (!isPath && !typeFits(base, value)) {
                    problems.add(at + "/" + field + ": " + Json.text(value) + " is not a valid operand");
                }
                return new Condition.Compare(variable, base, value, isPath);
            }
        }
        problems.add(at + ": no comparison operator");
        return new Condition.Or(List.of());
    }

    private static boolean typeFits(String operator, JsonNode value) {
        if (operator.startsWith("String")) {
            return value.isTextual();
        }
        if (operator.startsWith("Numeric")) {
            return value.isNumber();
        }
        if (operator.startsWith("Timestamp")) {
            return value.isTextual() && Timestamps.parse(value.textValue()) != null;
        }
        return value.isBoolean();
    }

    private State.Transition transition(JsonNode node, String at) {
        boolean end = node.path("End").asBoolean(false);
        String next = text(node, "Next", at, false);
        if (end && next != null) {
            problems.add(at + ": Next and End are mutually exclusive");
        }
        if (!end && next == null) {
            problems.add(at + ": either Next or End is required");
        }
        return new State.Transition(end ? null : next);
    }

    private State.Path path(JsonNode node, String field, String at) {
        if (!node.has(field)) {
            return State.Path.ROOT;
        }
        JsonNode v = node.get(field);
        if (v.isNull()) {
            return State.Path.NULL;
        }
        if (!v.isTextual() || !JsonPaths.isValid(v.textValue())) {
            problems.add(at + "/" + field + ": '" + v.asText() + "' is not a valid JSONPath");
            return State.Path.ROOT;
        }
        return new State.Path(v.textValue());
    }

    private State.Path resultPath(JsonNode node, String at) {
        State.Path p = path(node, "ResultPath", at);
        if (!p.isNull() && !JsonPaths.isReferencePath(p.value())) {
            problems.add(at + "/ResultPath: '" + p.value() + "' is not a reference path");
            return State.Path.ROOT;
        }
        return p;
    }

    private String jsonPath(JsonNode node, String field, String at) {
        if (!node.has(field)) {
            return null;
        }
        String v = node.get(field).asText();
        if (!JsonPaths.isValid(v)) {
            problems.add(at + "/" + field + ": '" + v + "' is not a valid JSONPath");
        }
        return v;
    }

    /** A field that holds a path or an intrinsic call (ErrorPath, CausePath). */
    private String dynamicText(JsonNode node, String field, String at) {
        if (!node.has(field)) {
            return null;
        }
        String v = node.get(field).asText();
        if (Intrinsic.looksLikeCall(v)) {
            try {
                Intrinsic.parse(v);
            } catch (Intrinsic.SyntaxError e) {
                problems.add(at + "/" + field + ": invalid intrinsic function call: " + e.getMessage());
            }
        } else if (!JsonPaths.isValid(v)) {
            problems.add(at + "/" + field + ": '" + v + "' is not a valid JSONPath");
        }
        return v;
    }

    private JsonNode template(JsonNode node, String field, String at) {
        JsonNode t = node.get(field);
        if (t != null) {
            PayloadTemplate.validate(t, at + "/" + field, problems);
        }
        return t;
    }

    private Long seconds(JsonNode node, String field, String at) {
        if (!node.has(field)) {
            return null;
        }
        return positive(node, field, at, field.equals("Seconds") ? 0 : 1);
    }

    private Long count(JsonNode node, String field, String at) {
        if (!node.has(field)) {
            return null;
        }
        return positive(node, field, at, 0);
    }

    private long positive(JsonNode node, String field, String at, long min) {
        JsonNode v = node.get(field);
        if (!Json.isIntegral(v) || v.longValue() < min) {
            problems.add(at + "/" + field + ": must be an integer of at least " + min + ", got " + Json.text(v));
            return min;
        }
        return v.longValue();
    }

    private String text(JsonNode node, String field, String at, boolean required) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) {
                problems.add(pointer(at) + "/" + field + ": required");
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(at + "/" + field + ": must be a string");
            return null;
        }
        return v.textValue();
    }

    private static String pointer(String at) {
        return at;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
