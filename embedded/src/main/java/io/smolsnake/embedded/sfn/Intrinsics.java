package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Evaluates parsed intrinsic calls against a state's input and the context object. */
final class Intrinsics {
    static final Set<String> FUNCTIONS = Set.of("States.Format", "States.StringToJson", "States.JsonToString",
            "States.Array", "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange",
            "States.ArrayGetItem", "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode",
            "States.Base64Decode", "States.Hash", "States.JsonMerge", "States.MathRandom", "States.MathAdd",
            "States.StringSplit", "States.UUID");

    private Intrinsics() {}

    static JsonNode evaluate(Intrinsic.Call call, JsonNode input, JsonNode context) {
        List<JsonNode> args = new ArrayList<>();
        for (Intrinsic arg : call.arguments()) {
            args.add(value(arg, input, context, call.function().equals("States.Format") && args.isEmpty()));
        }
        String f = call.function();
        switch (f) {
            case "States.Format":
                return format(f, args);
            case "States.StringToJson": {
                String text = string(f, args, 0, 1);
                if (text.isBlank()) {
                    return Json.NODES.nullNode();
                }
                try {
                    return Json.parse(text);
                } catch (JsonProcessingException e) {
                    throw failure(f, "the argument is not JSON text: " + text);
                }
            }
            case "States.JsonToString":
                arity(f, args, 1);
                return Json.NODES.textNode(Json.text(args.get(0)));
            case "States.Array": {
                ArrayNode out = Json.NODES.arrayNode();
                args.forEach(out::add);
                return out;
            }
            case "States.ArrayPartition": {
                ArrayNode array = array(f, args, 0, 2);
                long size = integer(f, args, 1);
                if (size <= 0) {
                    throw failure(f, "the chunk size must be greater than 0, got " + size);
                }
                ArrayNode out = Json.NODES.arrayNode();
                ArrayNode chunk = null;
                for (JsonNode item : array) {
                    if (chunk == null || chunk.size() == size) {
                        chunk = out.addArray();
                    }
                    chunk.add(item);
                }
                return out;
            }
            case "States.ArrayContains": {
                ArrayNode array = array(f, args, 0, 2);
                for (JsonNode item : array) {
                    if (item.equals(args.get(1))) {
                        return Json.NODES.booleanNode(true);
                    }
                }
                return Json.NODES.booleanNode(false);
            }
            case "States.ArrayRange": {
                arity(f, args, 3);
                long start = integer(f, args, 0);
                long end = integer(f, args, 1);
                long step = integer(f, args, 2);
                if (step == 0) {
                    throw failure(f, "the step must not be 0");
                }
                ArrayNode out = Json.NODES.arrayNode();
                for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
                    if (out.size() == 1000) {
                        throw failure(f, "the range has more than 1000 items");
                    }
                    out.add(Json.number(i));
                }
                return out;
            }
            case "States.ArrayGetItem": {
                ArrayNode array = array(f, args, 0, 2);
                long index = integer(f, args, 1);
                if (index < 0 || index >= array.size()) {
                    throw failure(f, "index " + index + " is out of bounds for an array of " + array.size());
                }
                return array.get((int) index);
            }
            case "States.ArrayLength":
                return Json.NODES.numberNode(array(f, args, 0, 1).size());
            case "States.ArrayUnique": {
                ArrayNode out = Json.NODES.arrayNode();
                for (JsonNode item : array(f, args, 0, 1)) {
                    boolean seen = false;
                    for (JsonNode kept : out) {
                        seen |= kept.equals(item);
                    }
                    if (!seen) {
                        out.add(item);
                    }
                }
                return out;
            }
            case "States.Base64Encode":
                return Json.NODES.textNode(Base64.getEncoder()
                        .encodeToString(string(f, args, 0, 1).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode":
                try {
                    return Json.NODES.textNode(new String(Base64.getDecoder().decode(string(f, args, 0, 1)),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw failure(f, "the argument is not base64: " + e.getMessage());
                }
            case "States.Hash": {
                arity(f, args, 2);
                String data = args.get(0).isTextual() ? args.get(0).textValue() : Json.text(args.get(0));
                String algorithm = string(f, args, 1, 2);
                if (!Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
                    throw failure(f, "unsupported algorithm '" + algorithm
                            + "' (one of MD5, SHA-1, SHA-256, SHA-384, SHA-512)");
                }
                try {
                    byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
                    return Json.NODES.textNode(HexFormat.of().formatHex(digest));
                } catch (NoSuchAlgorithmException e) {
                    throw failure(f, "unsupported algorithm '" + algorithm + "'");
                }
            }
            case "States.JsonMerge": {
                arity(f, args, 3);
                if (!args.get(0).isObject() || !args.get(1).isObject()) {
                    throw failure(f, "both arguments to merge must be JSON objects");
                }
                if (!args.get(2).isBoolean() || args.get(2).booleanValue()) {
                    throw failure(f, "only shallow merges are supported: the third argument must be false");
                }
                ObjectNode out = args.get(0).deepCopy();
                out.setAll((ObjectNode) args.get(1));
                return out;
            }
            case "States.MathRandom": {
                if (args.size() != 2 && args.size() != 3) {
                    throw failure(f, "expects 2 or 3 arguments, got " + args.size());
                }
                long start = integer(f, args, 0);
                long end = integer(f, args, 1);
                if (end <= start) {
                    throw failure(f, "the end must be greater than the start");
                }
                Random random = args.size() == 3 ? new Random(integer(f, args, 2)) : ThreadLocalRandom.current();
                return Json.number(start + (long) Math.floor(random.nextDouble() * (end - start)));
            }
            case "States.MathAdd":
                arity(f, args, 2);
                return Json.number(integer(f, args, 0) + integer(f, args, 1));
            case "States.StringSplit": {
                String text = string(f, args, 0, 2);
                String delimiters = string(f, args, 1, 2);
                ArrayNode out = Json.NODES.arrayNode();
                StringBuilder token = new StringBuilder();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (delimiters.indexOf(c) >= 0) {
                        if (token.length() > 0) {
                            out.add(token.toString());
                        }
                        token.setLength(0);
                    } else {
                        token.append(c);
                    }
                }
                if (token.length() > 0) {
                    out.add(token.toString());
                }
                return out;
            }
            case "States.UUID":
                arity(f, args, 0);
                return Json.NODES.textNode(UUID.randomUUID().toString());
            default:
                throw failure(f, "unknown intrinsic function");
        }
    }

    private static JsonNode value(Intrinsic arg, JsonNode input, JsonNode context, boolean keepEscapes) {
        if (arg instanceof Intrinsic.Literal literal) {
            if (!keepEscapes && literal.value().isTextual()) {
                return Json.NODES.textNode(literal.value().textValue()
                        .replace(Intrinsic.ESCAPED_OPEN, '{').replace(Intrinsic.ESCAPED_CLOSE, '}'));
            }
            return literal.value();
        }
        if (arg instanceof Intrinsic.PathArg path) {
            try {
                return JsonPaths.read(path.path(), input, context);
            } catch (JsonPaths.NoMatch e) {
                throw StatesFailure.runtime(e.getMessage());
            }
        }
        return evaluate((Intrinsic.Call) arg, input, context);
    }

    private static JsonNode format(String f, List<JsonNode> args) {
        if (args.isEmpty() || !args.get(0).isTextual()) {
            throw failure(f, "the first argument must be a template string");
        }
        String template = args.get(0).textValue();
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == Intrinsic.ESCAPED_OPEN) {
                out.append('{');
            } else if (c == Intrinsic.ESCAPED_CLOSE) {
                out.append('}');
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure(f, "the template has more {} than arguments");
                }
                out.append(display(args.get(next++)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure(f, "the template has fewer {} than arguments");
        }
        return Json.NODES.textNode(out.toString());
    }

    /** How States.Format shows a value: strings bare, objects and arrays as {@code {k=v, …}} and {@code [a, b]}. */
    static String display(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isObject()) {
            StringBuilder out = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> fields = value.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                out.append(e.getKey()).append('=').append(display(e.getValue()));
                if (fields.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append('}').toString();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(display(v)));
            return "[" + String.join(", ", items) + "]";
        }
        return Json.text(value);
    }

    private static void arity(String f, List<JsonNode> args, int n) {
        if (args.size() != n) {
            throw failure(f, "expects " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
        }
    }

    private static String string(String f, List<JsonNode> args, int i, int n) {
        arity(f, args, n);
        if (!args.get(i).isTextual()) {
            throw failure(f, "argument " + (i + 1) + " must be a string, got " + Json.text(args.get(i)));
        }
        return args.get(i).textValue();
    }

    private static ArrayNode array(String f, List<JsonNode> args, int i, int n) {
        arity(f, args, n);
        if (!args.get(i).isArray()) {
            throw failure(f, "argument " + (i + 1) + " must be an array, got " + Json.text(args.get(i)));
        }
        return (ArrayNode) args.get(i);
    }

    /** A number argument, rounded half up to an integer as Step Functions does. */
    private static long integer(String f, List<JsonNode> args, int i) {
        JsonNode v = args.get(i);
        if (!v.isNumber()) {
            throw failure(f, "argument " + (i + 1) + " must be a number, got " + Json.text(v));
        }
        return v.isIntegralNumber() ? v.longValue() : Math.round(v.doubleValue());
    }

    private static StatesFailure failure(String f, String problem) {
        return new StatesFailure("States.IntrinsicFailure", f + ": " + problem);
    }
}
