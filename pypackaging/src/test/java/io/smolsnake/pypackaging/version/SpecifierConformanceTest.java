package io.smolsnake.pypackaging.version;

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

/** pypa/packaging's specifier tests, from {@code shared/conformance/packaging/specifiers.json}. */
class SpecifierConformanceTest {
    private static final String FILE = "packaging/specifiers.json";

    static Stream<Arguments> valid() {
        return Conformance.cases(FILE, "valid");
    }

    static Stream<Arguments> invalid() {
        return Conformance.cases(FILE, "invalid");
    }

    static Stream<Arguments> str() {
        return Conformance.cases(FILE, "str");
    }

    static Stream<Arguments> contains() {
        return Conformance.cases(FILE, "contains");
    }

    static Stream<Arguments> filter() {
        return Conformance.cases(FILE, "filter");
    }

    static Stream<Arguments> properties() {
        return Conformance.cases(FILE, "properties");
    }

    static Stream<Arguments> defaultPrereleases() {
        return Conformance.cases(FILE, "defaultPrereleases");
    }

    static Stream<Arguments> members() {
        return Conformance.cases(FILE, "members");
    }

    static Stream<Arguments> equality() {
        return Conformance.cases(FILE, "equality");
    }

    static Stream<Arguments> combine() {
        return Conformance.cases(FILE, "combine");
    }

    private static Boolean bool(JsonNode c, String field) {
        JsonNode n = c.get(field);
        return n == null || n.isNull() ? null : n.asBoolean();
    }

    private static boolean isSet(JsonNode c) {
        return c.get("kind").asText().equals("SpecifierSet");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void valid(JsonNode c) {
        Specifier s = Specifier.parse(c.asText());
        assertEquals(s, Specifier.parse(s.toString()), "the string form parses back to an equal specifier");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalid(JsonNode c) {
        String input = c.asText();
        InvalidSpecifierException e = assertThrows(InvalidSpecifierException.class, () -> Specifier.parse(input));
        assertTrue(e.getMessage().startsWith("Invalid specifier: '" + input + "'"), e.getMessage());
        assertThrows(InvalidSpecifierException.class, () -> SpecifierSet.parse(input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void str(JsonNode c) {
        String input = c.get("input").asText();
        String actual = isSet(c) ? SpecifierSet.parse(input).toString() : Specifier.parse(input).toString();
        assertEquals(c.get("expected").asText(), actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void contains(JsonNode c) {
        String spec = c.get("specifier").asText();
        String version = c.get("version").asText();
        Boolean own = bool(c, "specifierPrereleases");
        Boolean prereleases = bool(c, "prereleases");
        boolean actual = isSet(c)
                ? SpecifierSet.parse(spec).withPrereleases(own).contains(version, prereleases, bool(c, "installed"))
                : Specifier.parse(spec).withPrereleases(own).contains(version, prereleases);
        assertEquals(c.get("expected").asBoolean(), actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void filter(JsonNode c) {
        String spec = c.get("specifier").asText();
        Boolean own = bool(c, "specifierPrereleases");
        Boolean prereleases = bool(c, "prereleases");
        List<String> input = strings(c.get("input"));
        List<String> actual = isSet(c)
                ? SpecifierSet.parse(spec).withPrereleases(own).filter(input, prereleases)
                : Specifier.parse(spec).withPrereleases(own).filter(input, prereleases);
        assertEquals(strings(c.get("expected")), actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void properties(JsonNode c) {
        Specifier s = Specifier.parse(c.get("specifier").asText());
        assertEquals(c.get("operator").asText(), s.operator().symbol());
        assertEquals(c.get("version").asText(), s.version());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void defaultPrereleases(JsonNode c) {
        assertEquals(c.get("expected").asBoolean(), Specifier.parse(c.get("specifier").asText()).prereleases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void members(JsonNode c) {
        List<String> actual = new ArrayList<>(
                SpecifierSet.parse(c.get("specifierSet").asText()).specifiers().stream().map(Specifier::toString).toList());
        actual.sort(null);
        assertEquals(strings(c.get("members")), actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void equality(JsonNode c) {
        String left = c.get("left").asText();
        String right = c.get("right").asText();
        boolean equal = c.get("equal").asBoolean();
        if (isSet(c)) {
            SpecifierSet a = SpecifierSet.parse(left);
            SpecifierSet b = SpecifierSet.parse(right);
            assertEquals(equal, a.equals(b));
            if (equal) {
                assertEquals(a.hashCode(), b.hashCode());
            }
        } else {
            Specifier a = Specifier.parse(left);
            Specifier b = Specifier.parse(right);
            assertEquals(equal, a.equals(b));
            if (equal) {
                assertEquals(a.hashCode(), b.hashCode());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void combine(JsonNode c) {
        SpecifierSet combined = SpecifierSet.parse(c.get("left").asText()).and(SpecifierSet.parse(c.get("right").asText()));
        assertEquals(SpecifierSet.parse(c.get("expected").asText()), combined);
    }
}
