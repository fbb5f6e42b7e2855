package io.smolsnake.pypackaging.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.pypackaging.Conformance;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** pypa/packaging's marker tests, from {@code shared/conformance/packaging/markers.json}. */
class MarkerConformanceTest {
    private static final String FILE = "packaging/markers.json";

    static Stream<Arguments> evaluate() {
        return Conformance.cases(FILE, "evaluate");
    }

    static Stream<Arguments> evaluateErrors() {
        return Conformance.cases(FILE, "evaluateErrors");
    }

    static Stream<Arguments> valid() {
        return Conformance.cases(FILE, "valid");
    }

    static Stream<Arguments> invalid() {
        return Conformance.cases(FILE, "invalid");
    }

    static Stream<Arguments> str() {
        return Conformance.cases(FILE, "str");
    }

    static Stream<Arguments> notEqual() {
        return Conformance.cases(FILE, "notEqual");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void evaluate(JsonNode c) {
        Marker marker = Marker.parse(c.get("marker").asText());
        assertEquals(c.get("expected").asBoolean(), marker.evaluate(environment(c), context(c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void evaluateErrors(JsonNode c) {
        Marker marker = Marker.parse(c.get("marker").asText());
        Class<? extends MarkerEvaluationException> expected = switch (c.get("error").asText()) {
            case "UndefinedComparison" -> UndefinedComparisonException.class;
            case "UndefinedEnvironmentName" -> UndefinedEnvironmentNameException.class;
            default -> throw new IllegalStateException("unknown error " + c.get("error"));
        };
        assertThrows(expected, () -> marker.evaluate(environment(c), context(c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void valid(JsonNode c) {
        Marker marker = Marker.parse(c.asText());
        assertEquals(marker, Marker.parse(marker.toString()), "normal form parses to the same marker");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalid(JsonNode c) {
        String input = c.get("marker").asText();
        InvalidMarkerException e = assertThrows(InvalidMarkerException.class, () -> Marker.parse(input));
        assertEquals(input, e.input());
        if (c.has("message")) {
            assertEquals(c.get("message").asText(), e.reason());
        }
        if (c.has("display")) {
            assertEquals("    " + c.get("display").get(0).asText() + "\n    " + c.get("display").get(1).asText(),
                    e.display());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void str(JsonNode c) {
        assertEquals(c.get("expected").asText(), Marker.parse(c.get("input").asText()).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void notEqual(JsonNode c) {
        assertNotEquals(Marker.parse(c.get("left").asText()), Marker.parse(c.get("right").asText()));
    }

    private static MarkerContext context(JsonNode c) {
        return c.has("context") ? MarkerContext.valueOf(c.get("context").asText().toUpperCase(Locale.ROOT))
                : MarkerContext.METADATA;
    }

    private static MarkerEnvironment environment(JsonNode c) {
        MarkerEnvironment env = MarkerEnvironment.empty();
        for (JsonNode layer : new JsonNode[] {Conformance.read(FILE).get("baseEnvironment"), c.get("environment")}) {
            for (Iterator<Map.Entry<String, JsonNode>> it = layer.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isArray()) {
                    Set<String> names = new HashSet<>();
                    e.getValue().forEach(n -> names.add(n.asText()));
                    env = e.getKey().equals("extras") ? env.withExtras(names) : env.withDependencyGroups(names);
                } else {
                    env = env.with(e.getKey(), e.getValue().asText());
                }
            }
        }
        return env;
    }
}
