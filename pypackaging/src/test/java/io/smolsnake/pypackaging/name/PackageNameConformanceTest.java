package io.smolsnake.pypackaging.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.pypackaging.Conformance;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** pypa/packaging's name tests, from {@code shared/conformance/packaging/names.json}. */
class PackageNameConformanceTest {
    private static final String FILE = "packaging/names.json";

    static Stream<Arguments> canonicalize() {
        return Conformance.cases(FILE, "canonicalize");
    }

    static Stream<Arguments> invalid() {
        return Conformance.cases(FILE, "invalid");
    }

    static Stream<Arguments> isNormalized() {
        return Conformance.cases(FILE, "isNormalized");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void canonicalize(JsonNode c) {
        String input = c.get("input").asText();
        assertEquals(c.get("expected").asText(), PackageName.canonicalize(input));
        assertEquals(c.get("expected").asText(), PackageName.of(input).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalid(JsonNode c) {
        String input = c.get("input").asText();
        assertFalse(PackageName.isValid(input));
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> PackageName.of(input));
        assertEquals(input, e.input());
        assertEquals(c.get("canonicalizedWithoutValidation").asText(), PackageName.canonicalize(input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void isNormalized(JsonNode c) {
        assertEquals(c.get("expected").asBoolean(), PackageName.isNormalized(c.get("input").asText()));
    }

    @Test
    void namesThatNormaliseAlikeAreEqual() {
        assertEquals(PackageName.of("Typing_Extensions"), PackageName.of("typing.extensions"));
        assertEquals("typing_extensions", PackageName.of("Typing-Extensions").distributionFilename());
    }
}
