package io.smolsnake.pypackaging.requirement;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.pypackaging.Conformance;
import io.smolsnake.pypackaging.version.Specifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** pypa/packaging's requirement tests, from {@code shared/conformance/packaging/requirements.json}. */
class RequirementConformanceTest {
    private static final String FILE = "packaging/requirements.json";

    static Stream<Arguments> valid() {
        return Conformance.cases(FILE, "valid");
    }

    static Stream<Arguments> str() {
        return Conformance.cases(FILE, "str");
    }

    static Stream<Arguments> equality() {
        return Conformance.cases(FILE, "equality");
    }

    static Stream<Arguments> invalid() {
        return Conformance.cases(FILE, "invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void valid(JsonNode c) {
        Requirement r = Requirement.parse(c.get("input").asText());

        List<String> extras = new ArrayList<>();
        c.get("extras").forEach(e -> extras.add(e.asText()));
        List<String> specifiers = new ArrayList<>();
        c.get("specifiers").forEach(s -> specifiers.add(s.asText()));
        List<String> actualSpecifiers = r.specifier().specifiers().stream().map(Specifier::toString).sorted().toList();
        assertAll(
                () -> assertEquals(c.get("name").asText(), r.name()),
                () -> assertEquals(extras, List.copyOf(r.extras())),
                () -> assertEquals(text(c.get("url")), r.url()),
                () -> assertEquals(specifiers, actualSpecifiers),
                () -> assertEquals(text(c.get("marker")), r.marker() == null ? null : r.marker().toString()),
                () -> assertEquals(c.get("str").asText(), r.toString()),
                () -> assertEquals(r, Requirement.parse(r.toString()), "round trip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void str(JsonNode c) {
        assertEquals(c.get("expected").asText(), Requirement.parse(c.get("input").asText()).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void equality(JsonNode c) {
        Requirement left = Requirement.parse(c.get("left").asText());
        Requirement right = Requirement.parse(c.get("right").asText());
        if (c.get("equal").asBoolean()) {
            assertEquals(left, right);
            assertEquals(left.hashCode(), right.hashCode());
        } else {
            assertNotEquals(left, right);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalid(JsonNode c) {
        String input = c.get("input").asText();
        InvalidRequirementException e = assertThrows(InvalidRequirementException.class, () -> Requirement.parse(input));
        assertEquals(input, e.input());
        if (c.has("message")) {
            assertEquals(c.get("message").asText(), e.getMessage().lines().findFirst().orElseThrow());
        }
        if (c.has("caret")) {
            assertEquals("    " + input + "\n    " + c.get("caret").asText(), e.display());
            assertEquals(c.get("message").asText() + "\n    " + input + "\n    " + c.get("caret").asText(),
                    e.getMessage());
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
