package io.smolsnake.pypackaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TOML values as read by Jackson, for the readers of {@code pylock.toml} and {@code pyproject.toml}. */
public final class TomlNodes {
    private TomlNodes() {}

    /** The value as plain Java: maps, lists, strings, booleans, longs (or big integers), doubles, dates. */
    public static Object plain(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            n.properties().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (n instanceof POJONode pojo) {
            return pojo.getPojo();
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue();
        }
        return n.asDouble();
    }

    /** What kind of TOML value it is, for messages: "a string", "an array", "a table", … */
    public static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isIntegralNumber()) {
            return "an integer";
        }
        if (n.isNumber()) {
            return "a float";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "a table";
        }
        if (n instanceof POJONode pojo) {
            Object v = pojo.getPojo();
            return v instanceof java.time.LocalDateTime ? "a local date-time"
                    : v instanceof java.time.LocalDate ? "a local date"
                    : v instanceof java.time.LocalTime ? "a local time" : "a date-time";
        }
        return "a " + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
