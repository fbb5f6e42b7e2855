package io.smolsnake.pypackaging.filename;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.pypackaging.Conformance;
import io.smolsnake.pypackaging.tags.Tag;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** pypa/packaging's filename tests, from {@code shared/conformance/packaging/wheel_filenames.json}; none excluded. */
class WheelFilenameConformanceTest {
    private static final String FILE = "packaging/wheel_filenames.json";

    static Stream<Arguments> valid() {
        return Conformance.cases(FILE, "valid");
    }

    static Stream<Arguments> invalid() {
        return Conformance.cases(FILE, "invalid");
    }

    static Stream<Arguments> unsortedTagsInvalidWhenValidatingOrder() {
        return Conformance.cases(FILE, "unsortedTagsInvalidWhenValidatingOrder");
    }

    static Stream<Arguments> sdistValid() {
        return Conformance.cases(FILE, "sdistValid");
    }

    static Stream<Arguments> sdistInvalid() {
        return Conformance.cases(FILE, "sdistInvalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void valid(JsonNode c) {
        WheelFilename wheel = WheelFilename.parse(c.get("filename").asText());

        assertEquals(c.get("name").asText(), wheel.name().toString());
        assertEquals(c.get("version").asText(), wheel.version().toString());
        JsonNode build = c.get("build");
        assertEquals(build.isNull() ? Optional.empty()
                : Optional.of(new BuildTag(new BigInteger(build.get("number").asText()), build.get("tag").asText())),
                wheel.build());
        List<Tag> expected = new ArrayList<>();
        c.get("tags").forEach(t -> expected.add(Tag.of(t.get(0).asText(), t.get(1).asText(), t.get(2).asText())));
        List<Tag> actual = new ArrayList<>(wheel.tags());
        actual.sort(null);
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalid(JsonNode c) {
        String filename = c.asText();
        InvalidFilenameException e = assertThrows(InvalidFilenameException.class, () -> WheelFilename.parse(filename));
        assertEquals(filename, e.input());
        assertTrue(e.reason().startsWith("The wheel filename \"" + filename + "\" is invalid: "), e.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void unsortedTagsInvalidWhenValidatingOrder(JsonNode c) {
        String filename = c.asText();
        WheelFilename.parse(filename);
        InvalidFilenameException e = assertThrows(InvalidFilenameException.class,
                () -> WheelFilename.parse(filename, true));
        assertTrue(e.reason().contains("is not in sorted order per PEP 425"), e.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void sdistValid(JsonNode c) {
        SdistFilename sdist = SdistFilename.parse(c.get("filename").asText());
        assertEquals(c.get("name").asText(), sdist.name().toString());
        assertEquals(c.get("version").asText(), sdist.version().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void sdistInvalid(JsonNode c) {
        String filename = c.asText();
        InvalidFilenameException e = assertThrows(InvalidFilenameException.class, () -> SdistFilename.parse(filename));
        assertEquals(filename, e.input());
    }
}
