package io.smolsnake.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A smoke test's expected output as a subset of the actual: objects match when every expected
 * member matches (extra members are fine), arrays element by element with equal lengths, numbers
 * by value ({@code 21} matches {@code 21.0}), everything else by equality.
 */
final class Expectation {
    private Expectation() {}

    /** Where the actual output differs from the expected: one line per difference, empty when it matches. */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("$", expected, actual, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                out.add(path + ": expected an object, got " + actual);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!actual.has(member.getKey())) {
                    out.add(path + "." + member.getKey() + ": missing, expected " + member.getValue());
                } else {
                    compare(path + "." + member.getKey(), member.getValue(), actual.get(member.getKey()), out);
                }
            }
        } else if (expected.isArray()) {
            if (actual == null || !actual.isArray() || actual.size() != expected.size()) {
                out.add(path + ": expected " + expected + ", got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (expected.isNumber()) {
            if (actual == null || !actual.isNumber() || expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(path + ": expected " + expected + ", got " + actual);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": expected " + expected + ", got " + actual);
        }
    }
}
