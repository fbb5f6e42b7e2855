package io.smolsnake.pypackaging.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.pypackaging.Conformance;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * pypa/packaging's tag tests, from {@code shared/conformance/packaging/tags.json}. Every case runs;
 * none is excluded. A {@code parse} case is checked with order validation only where it is marked
 * {@code invalidWhenValidatingOrder}: the others were not tested that way upstream (the macOS one is
 * not in plain string order and packaging rejects it too), see {@code TagTest} for sorted sets.
 */
class TagsConformanceTest {
    private static final String FILE = "packaging/tags.json";

    static Stream<Arguments> parse() {
        return Conformance.cases(FILE, "parse");
    }

    static Stream<Arguments> parseInvalid() {
        return Conformance.cases(FILE, "parseInvalid");
    }

    static Stream<Arguments> generate() {
        return Conformance.cases(FILE, "generate");
    }

    static Stream<Arguments> macBinaryFormats() {
        return Conformance.cases(FILE, "macBinaryFormats");
    }

    static Stream<Arguments> macArch() {
        return Conformance.cases(FILE, "macArch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void parse(JsonNode c) {
        String tag = c.get("tag").asText();
        List<Tag> expected = triples(c.get("expected"));

        assertEquals(expected, sorted(Tag.parse(tag)));
        if (c.path("invalidWhenValidatingOrder").asBoolean()) {
            InvalidTagException e = assertThrows(InvalidTagException.class, () -> Tag.parse(tag, true));
            assertEquals(tag, e.input());
            assertTrue(e.reason().contains("sorted order"), e.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void parseInvalid(JsonNode c) {
        String tag = c.get("tag").asText();
        InvalidTagException e = assertThrows(InvalidTagException.class, () -> Tag.parse(tag));
        assertEquals(tag, e.input());
        assertTrue(e.reason().contains(c.get("reason").asText()), e.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void generate(JsonNode c) {
        JsonNode args = c.get("args");
        String function = c.get("function").asText();
        if (function.equals("mac_platforms")) {
            JsonNode v = args.get("version");
            List<String> expected = new ArrayList<>();
            c.get("expected").forEach(p -> expected.add(p.asText()));
            assertEquals(expected, Platforms.macPlatforms(v.get(0).asInt(), v.get(1).asInt(),
                    args.get("arch").asText()));
            return;
        }
        List<Tag> actual = switch (function) {
            case "cpython_tags" -> Tags.cpythonTags(python(args), strings(args.get("abis")),
                    strings(args.get("platforms")));
            case "generic_tags" -> Tags.genericTags(args.get("interpreter").asText(), strings(args.get("abis")),
                    strings(args.get("platforms")));
            case "compatible_tags" -> Tags.compatibleTags(python(args), args.get("interpreter").asText(),
                    strings(args.get("platforms")));
            case "pure_python_tags" -> Tags.purePythonTags(python(args));
            default -> throw new AssertionError("unknown generator " + function);
        };
        assertEquals(triples(c.get("expected")), actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void macBinaryFormats(JsonNode c) {
        JsonNode v = c.get("version");
        assertEquals(strings(c.get("expected")),
                Platforms.macBinaryFormats(v.get(0).asInt(), v.get(1).asInt(), c.get("arch").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void macArch(JsonNode c) {
        assertEquals(c.get("expected").asText(),
                Platforms.macArch(c.get("arch").asText(), c.get("is32bit").asBoolean()));
    }

    private static PythonVersion python(JsonNode args) {
        JsonNode v = args.get("python_version");
        return v.size() == 1 ? PythonVersion.of(v.get(0).asInt()) : PythonVersion.of(v.get(0).asInt(), v.get(1).asInt());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<Tag> triples(JsonNode array) {
        List<Tag> out = new ArrayList<>();
        array.forEach(t -> out.add(Tag.of(t.get(0).asText(), t.get(1).asText(), t.get(2).asText())));
        return out;
    }

    static List<Tag> sorted(java.util.Collection<Tag> tags) {
        List<Tag> out = new ArrayList<>(tags);
        out.sort(null);
        return out;
    }
}
