package io.smolsnake.pypackaging.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.pypackaging.Conformance;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** pypa/packaging's version tests, from {@code shared/conformance/packaging/versions.json}. */
class VersionConformanceTest {
    private static final String FILE = "packaging/versions.json";

    static Stream<Arguments> normalized() {
        return Conformance.cases(FILE, "normalized");
    }

    static Stream<Arguments> invalid() {
        return Conformance.cases(FILE, "invalid");
    }

    static Stream<Arguments> components() {
        return Conformance.cases(FILE, "components");
    }

    static Stream<Arguments> fromParts() {
        return Conformance.cases(FILE, "fromParts");
    }

    static Stream<Arguments> canonicalize() {
        return Conformance.cases(FILE, "canonicalize");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void normalized(JsonNode c) {
        assertEquals(c.get("normalized").asText(), Version.parse(c.get("input").asText()).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalid(JsonNode c) {
        String input = c.asText();
        InvalidVersionException e = assertThrows(InvalidVersionException.class, () -> Version.parse(input));
        assertTrue(e.getMessage().startsWith("Invalid version: '" + input + "'"), e.getMessage());
    }

    @Test
    void sortedValidIsStrictlyAscending() {
        List<Version> versions = new ArrayList<>();
        Conformance.read(FILE).get("sortedValid").forEach(n -> versions.add(Version.parse(n.asText())));
        for (int i = 0; i < versions.size(); i++) {
            for (int j = 0; j < versions.size(); j++) {
                int expected = Integer.compare(i, j);
                assertEquals(expected, Integer.signum(versions.get(i).compareTo(versions.get(j))),
                        versions.get(i) + " vs " + versions.get(j));
                assertEquals(i == j, versions.get(i).equals(versions.get(j)));
            }
        }
    }

    @Test
    void equalPairsCompareEqualAndHashAlike() {
        for (JsonNode pair : Conformance.read(FILE).get("equal")) {
            Version a = Version.parse(pair.get(0).asText());
            Version b = Version.parse(pair.get(1).asText());
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void components(JsonNode c) {
        Version v = Version.parse(c.get("version").asText());
        if (c.has("epoch")) {
            assertEquals(BigInteger.valueOf(c.get("epoch").asLong()), v.epoch());
        }
        if (c.has("release")) {
            List<BigInteger> release = new ArrayList<>();
            c.get("release").forEach(n -> release.add(n.bigIntegerValue()));
            assertEquals(release, v.release());
        }
        if (c.has("pre")) {
            JsonNode pre = c.get("pre");
            assertEquals(pre.isNull() ? null : pre.get(0).asText() + pre.get(1).asText(),
                    v.pre() == null ? null : v.pre().toString());
        }
        if (c.has("post")) {
            assertEquals(c.get("post").isNull() ? null : c.get("post").bigIntegerValue(), v.post());
        }
        if (c.has("dev")) {
            assertEquals(c.get("dev").isNull() ? null : c.get("dev").bigIntegerValue(), v.dev());
        }
        if (c.has("local")) {
            assertEquals(c.get("local").isNull() ? null : c.get("local").asText(), v.local());
        }
        if (c.has("public")) {
            assertEquals(c.get("public").asText(), v.publicVersion().toString());
        }
        if (c.has("baseVersion")) {
            assertEquals(c.get("baseVersion").asText(), v.baseVersion().toString());
        }
        if (c.has("isPrerelease")) {
            assertEquals(c.get("isPrerelease").asBoolean(), v.isPrerelease());
        }
        if (c.has("isPostrelease")) {
            assertEquals(c.get("isPostrelease").asBoolean(), v.isPostrelease());
        }
        if (c.has("isDevrelease")) {
            assertEquals(c.get("isDevrelease").asBoolean(), v.isDevrelease());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void fromParts(JsonNode c) {
        JsonNode p = c.get("parts");
        List<Long> release = new ArrayList<>();
        p.get("release").forEach(n -> release.add(n.asLong()));
        Version.Pre pre = null;
        if (p.hasNonNull("pre")) {
            pre = new Version.Pre(Version.Phase.of(p.get("pre").get(0).asText()),
                    BigInteger.valueOf(p.get("pre").get(1).asLong()));
        }
        Version v = Version.of(p.path("epoch").asLong(0), release, pre,
                p.hasNonNull("post") ? p.get("post").asLong() : null,
                p.hasNonNull("dev") ? p.get("dev").asLong() : null,
                p.hasNonNull("local") ? p.get("local").asText() : null);
        Version expected = Version.parse(c.get("equals").asText());
        assertEquals(expected, v);
        assertEquals(expected.toString(), v.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void canonicalize(JsonNode c) {
        assertEquals(c.get("expected").asText(),
                Version.canonicalize(c.get("input").asText(), c.get("stripTrailingZero").asBoolean()));
    }
}
