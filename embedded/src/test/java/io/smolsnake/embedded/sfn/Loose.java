package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JSON comparison for recorded values: numbers by value, and positions holding one of the case's
 * placeholders ({@code <uuid:1>}, {@code date}, {@code arn:<partition>:…}) match any value of that
 * shape, since the recording replaced the real value.
 */
final class Loose {
    private final List<String> placeholders = new ArrayList<>();

    Loose(JsonNode placeholders) {
        if (placeholders != null) {
            placeholders.forEach(p -> this.placeholders.add(p.asText()));
        }
    }

    /** Empty when equal, else where the first difference is. */
    Optional<String> matches(JsonNode expected, JsonNode actual) {
        return diff("$", expected, actual);
    }

    boolean matchesText(String expected, String actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if (expected.equals(actual) || placeholders.contains(expected)) {
            return true;
        }
        if (TIMESTAMP_MASKS.contains(expected) && Timestamps.parse(actual) != null) {
            return true;
        }
        JsonNode expectedJson = jsonText(expected);
        JsonNode actualJson = jsonText(actual);
        if (expectedJson != null && actualJson != null && expectedJson.isContainerNode()) {
            return diff("$", expectedJson, actualJson).isEmpty();
        }
        String regex = Pattern.quote(expected);
        boolean any = false;
        for (String p : placeholders) {
            if (p.startsWith("<") && expected.contains(p)) {
                regex = regex.replace(p, "\\E.*?\\Q");
                any = true;
            }
        }
        return any && Pattern.compile(regex, Pattern.DOTALL).matcher(actual).matches();
    }

    /** Masks the recording put on timestamps without listing them among the case's placeholders. */
    private static final java.util.Set<String> TIMESTAMP_MASKS =
            java.util.Set.of("start-time", "entered-time", "start-date", "stop-date");

    private static JsonNode jsonText(String text) {
        try {
            return Json.parse(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private Optional<String> diff(String at, JsonNode expected, JsonNode actual) {
        if (expected.isTextual() && placeholders.contains(expected.textValue())) {
            return Optional.empty();
        }
        if (actual == null) {
            return Optional.of(at + ": missing, expected " + expected);
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? Optional.empty()
                    : Optional.of(at + ": expected " + expected + ", got " + actual);
        }
        if (expected.isTextual() && actual.isTextual()) {
            return matchesText(expected.textValue(), actual.textValue()) ? Optional.empty()
                    : Optional.of(at + ": expected " + expected + ", got " + actual);
        }
        if (expected.isObject() && actual.isObject()) {
            if (expected.size() != actual.size()) {
                return Optional.of(at + ": expected fields " + names(expected) + ", got " + names(actual));
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                Optional<String> d = diff(at + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return Optional.of(at + ": expected " + expected.size() + " items " + expected + ", got " + actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                Optional<String> d = diff(at + "[" + i + "]", expected.get(i), actual.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return expected.equals(actual) ? Optional.empty()
                : Optional.of(at + ": expected " + expected + ", got " + actual);
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
