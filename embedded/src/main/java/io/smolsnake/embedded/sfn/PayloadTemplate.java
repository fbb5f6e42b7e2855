package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parameters, ItemSelector and ResultSelector: a JSON template whose {@code "key.$"} fields take
 * their value from a path ({@code $.x}, {@code $$.Map.Item.Value}) or an intrinsic call.
 */
final class PayloadTemplate {
    private PayloadTemplate() {}

    static JsonNode evaluate(JsonNode template, JsonNode input, JsonNode context) {
        if (template.isObject()) {
            ObjectNode out = Json.object();
            Iterator<Map.Entry<String, JsonNode>> fields = template.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    out.set(key.substring(0, key.length() - 2),
                            dynamic(key, field.getValue().asText(), input, context));
                } else {
                    out.set(key, evaluate(field.getValue(), input, context));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.NODES.arrayNode();
            template.forEach(item -> out.add(evaluate(item, input, context)));
            return out;
        }
        return template;
    }

    private static JsonNode dynamic(String key, String expression, JsonNode input, JsonNode context) {
        if (Intrinsic.looksLikeCall(expression)) {
            try {
                return Intrinsics.evaluate(Intrinsic.parse(expression), input, context);
            } catch (Intrinsic.SyntaxError e) {
                throw new StatesFailure("States.IntrinsicFailure", e.getMessage());
            }
        }
        try {
            return JsonPaths.read(expression, input, context);
        } catch (JsonPaths.NoMatch e) {
            throw StatesFailure.runtime("The JSONPath '" + expression + "' specified for the field '" + key
                    + "' could not be found in the input '" + Json.text(input) + "'");
        }
    }

    /** Problems with a template's {@code .$} fields, each prefixed by its JSON pointer. */
    static void validate(JsonNode template, String pointer, List<String> problems) {
        if (template.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = template.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                String at = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                if (key.endsWith(".$")) {
                    JsonNode value = field.getValue();
                    if (!value.isTextual()) {
                        problems.add(at + ": a field ending in '.$' must hold a JSONPath or an intrinsic function");
                    } else if (Intrinsic.looksLikeCall(value.textValue())) {
                        try {
                            Intrinsic.Call call = Intrinsic.parse(value.textValue());
                            checkFunctions(call, at, problems);
                        } catch (Intrinsic.SyntaxError e) {
                            problems.add(at + ": invalid intrinsic function call: " + e.getMessage());
                        }
                    } else if (!JsonPaths.isValid(value.textValue())) {
                        problems.add(at + ": '" + value.textValue() + "' is not a valid JSONPath");
                    }
                } else {
                    validate(field.getValue(), at, problems);
                }
            }
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                validate(template.get(i), pointer + "/" + i, problems);
            }
        }
    }

    private static void checkFunctions(Intrinsic.Call call, String at, List<String> problems) {
        if (!Intrinsics.FUNCTIONS.contains(call.function())) {
            problems.add(at + ": unknown intrinsic function " + call.function());
        }
        for (Intrinsic arg : call.arguments()) {
            if (arg instanceof Intrinsic.Call nested) {
                checkFunctions(nested, at, problems);
            } else if (arg instanceof Intrinsic.PathArg path && !JsonPaths.isValid(path.path())) {
                problems.add(at + ": '" + path.path() + "' is not a valid JSONPath");
            }
        }
    }
}
