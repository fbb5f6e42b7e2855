package io.smolsnake.pypackaging.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRangeTest {

    /** About a thousand versions around the specifiers' versions: every pre/post/dev/local shape. */
    private static final List<String> VERSIONS = sampleVersions();
    private static final List<Version> PARSED = VERSIONS.stream().map(Version::parse).toList();
    /** The sample as the matcher sees it, parsed once (the parse is what a filter call costs most). */
    private static final List<Candidate> CANDIDATES = VERSIONS.stream().map(Candidate::of).toList();

    private static final List<String> SPEC_VERSIONS = List.of("0", "0.dev0", "1", "1.0", "1.0.0", "1.0a1", "1.0a1.post1",
            "1.0.post1", "1.0.dev1", "1.0.post1.dev1", "1.0rc1.dev0", "1.1", "1.0.0.1", "2.0rc1", "1!1.0", "0.9");
    private static final List<String> PREFIXES = List.of("0", "1", "1.0", "1.0.0", "1.1", "0.9", "1!1");

    private static List<String> sampleVersions() {
        List<String> out = new ArrayList<>();
        for (String release : List.of("0", "0.9", "1", "1.0.0", "1.0.0.1", "1.0.1", "1.1", "2", "1!1")) {
            for (String pre : List.of("", "a0", "a1", "rc1")) {
                for (String post : List.of("", ".post0", ".post1")) {
                    for (String dev : List.of("", ".dev0", ".dev1")) {
                        for (String local : List.of("", "+x", "+1.a")) {
                            out.add(release + pre + post + dev + local);
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** Every specifier over the sample's versions, except {@code ===} (a string match, not a set of versions). */
    private static List<Specifier> specifierPool() {
        List<Specifier> out = new ArrayList<>();
        for (String v : SPEC_VERSIONS) {
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
                out.add(Specifier.parse(op + v));
            }
            if (Version.parse(v).release().size() >= 2) {
                out.add(Specifier.parse("~=" + v));
            }
        }
        for (String prefix : PREFIXES) {
            out.add(Specifier.parse("==" + prefix + ".*"));
            out.add(Specifier.parse("!=" + prefix + ".*"));
        }
        for (String local : List.of("1.0+x", "1.0.post1+1.a", "1+x")) {
            out.add(Specifier.parse("==" + local));
            out.add(Specifier.parse("!=" + local));
        }
        return out;
    }

    private static List<SpecifierSet> randomSets(int count, long seed) {
        List<Specifier> pool = specifierPool();
        Random random = new Random(seed);
        List<SpecifierSet> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = 1 + random.nextInt(3);
            List<Specifier> members = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                members.add(pool.get(random.nextInt(pool.size())));
            }
            out.add(SpecifierSet.of(members));
        }
        return out;
    }

    private static SpecifierSet parseRendered(String text) {
        return SpecifierSet.parse(text.equals("*") ? "" : text);
    }

    /** What {@code set.filter(VERSIONS, true)} returns: the sample versions the set accepts. */
    private static Set<String> accepted(SpecifierSet set) {
        Set<String> out = new HashSet<>();
        set.filterCandidates(CANDIDATES, true).forEach(c -> out.add(c.text()));
        return out;
    }

    private static void assertAgrees(VersionRange range, SpecifierSet set) {
        Set<String> accepted = accepted(set);
        for (int i = 0; i < VERSIONS.size(); i++) {
            assertEquals(accepted.contains(VERSIONS.get(i)), range.contains(PARSED.get(i)),
                    () -> "range " + range + " of '" + set + "'");
        }
    }

    @Test
    void rangeOfEverySpecifierAcceptsExactlyWhatItsOperatorAccepts() {
        for (Specifier s : specifierPool()) {
            VersionRange range = VersionRange.from(s);
            for (int i = 0; i < VERSIONS.size(); i++) {
                Candidate c = CANDIDATES.get(i);
                assertEquals(s.test(c), range.contains(c.version()), () -> s + " on " + c.text() + ": " + range);
            }
        }
    }

    @Test
    void rangeOfRandomSpecifierSetsAcceptsExactlyWhatTheSetAccepts() {
        for (SpecifierSet set : randomSets(400, 440)) {
            assertAgrees(VersionRange.from(set), set);
        }
    }

    @Test
    void emptinessIsExactWhereNoVersionFitsBetweenTheBounds() {
        for (SpecifierSet set : randomSets(400, 508)) {
            VersionRange range = VersionRange.from(set);
            if (!range.isEmpty()) {
                continue;
            }
            assertTrue(accepted(set).isEmpty(), () -> "'" + set + "' is empty yet accepts a sample version");
        }
        assertTrue(VersionRange.from(SpecifierSet.parse(">1.0a1,<1.0a2.dev0")).isEmpty());
        assertTrue(VersionRange.from(SpecifierSet.parse(">1.0,<=1.0.post5")).isEmpty());
        assertTrue(VersionRange.from(SpecifierSet.parse("!=0.dev0,<0.dev1")).isEmpty());
        assertFalse(VersionRange.from(SpecifierSet.parse(">1.0,<1.0.0.0.0.1.dev0")).isEmpty());
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            ">1.0, 1.0.post1, false",
            ">1.0, 1.0+local, false",
            ">1.0, 1.0.post1+local, false",
            ">1.0, 1.0.0.1, true",
            ">1.0, 1.0.0.0.0.0.1a1, true",
            ">1.0.post1, 1.0.post1+x, false",
            ">1.0.post1, 1.0.post2.dev0, true",
            ">1.0a1, 1.0a1.post3, false",
            ">1.0a1, 1.0a2.dev0, true",
            "==1.0, 1.0+anything.7, true",
            "==1.0, 1.0.post0.dev0, false",
            "<1.0, 1.0a1, false",
            "<1.0, 1.0.dev0, false",
            "<1.0, 0.99+x, true",
            "<1.0a2, 1.0a1, true",
            "==1.0.*, 1.0.7rc1, true",
            "==1.0.*, 1.1.dev0, false",
            "~=1.4.5, 1.4.99, true",
            "~=1.4.5, 1.5.dev0, false",
            "<=1.0, 1.0+x, true",
    })
    void pep440ExclusionsArePartOfTheSet(String spec, String version, boolean expected) {
        assertEquals(expected, VersionRange.from(Specifier.parse(spec)).contains(Version.parse(version)));
    }

    @Test
    void algebraLawsHoldOnRandomRanges() {
        List<SpecifierSet> sets = randomSets(80, 751);
        List<VersionRange> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < sets.size(); i += 2) {
            ranges.add(VersionRange.from(sets.get(i)).union(VersionRange.from(sets.get(i + 1))));
        }
        ranges.add(VersionRange.full());
        ranges.add(VersionRange.empty());
        ranges.add(VersionRange.singleton(Version.parse("1.0")));
        for (VersionRange a : ranges) {
            VersionRange notA = a.complement();
            assertEquals(a, notA.complement(), "complement of complement");
            assertTrue(a.union(notA).isFull(), "a | ~a is everything");
            assertTrue(a.intersection(notA).isEmpty(), "a & ~a is nothing");
            assertTrue(a.isDisjoint(notA));
            for (VersionRange b : ranges) {
                VersionRange union = a.union(b);
                VersionRange meet = a.intersection(b);
                assertEquals(union, b.union(a));
                assertEquals(meet, b.intersection(a));
                assertEquals(union.complement(), notA.intersection(b.complement()), "De Morgan");
                assertEquals(meet.complement(), notA.union(b.complement()), "De Morgan");
                assertEquals(a.subsetOf(b), meet.equals(a));
                assertEquals(a.subsetOf(b), a.isDisjoint(b.complement()));
                assertTrue(meet.subsetOf(a) && a.subsetOf(union));
                assertEquals(a, a.union(meet), "absorption");
                for (int i = 0; i < PARSED.size(); i += 7) {
                    Version v = PARSED.get(i);
                    assertEquals(a.contains(v) || b.contains(v), union.contains(v));
                    assertEquals(a.contains(v) && b.contains(v), meet.contains(v));
                    assertEquals(!a.contains(v), notA.contains(v));
                }
            }
        }
    }

    @Test
    void plainFactoriesUseTheBareVersionOrder() {
        Version one = Version.parse("1.0");
        assertTrue(VersionRange.greaterThan(one).contains(Version.parse("1.0.post1")));
        assertTrue(VersionRange.greaterThan(one).contains(Version.parse("1.0+x")));
        assertTrue(VersionRange.lessThan(one).contains(Version.parse("1.0a1")));
        assertTrue(VersionRange.atMost(one).contains(one));
        assertFalse(VersionRange.atMost(one).contains(Version.parse("1.0+x")));
        assertTrue(VersionRange.atLeast(one).contains(one));
        assertFalse(VersionRange.singleton(one).contains(Version.parse("1.0+x")));
        assertTrue(VersionRange.singleton(one).contains(Version.parse("1.0.0")));
        assertTrue(VersionRange.lessThan(Version.parse("0.dev0")).isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "'' ; *",
            ">=1.0,<2.0 ; >=1.0, <2.0",
            "==1.2 ; ==1.2",
            "==1.4.* ; ==1.4.*",
            "==1!2.* ; ==1!2.*",
            "~=1.4.5 ; >=1.4.5, <1.5",
            ">1.0 ; >1.0",
            ">1.0.post2 ; >1.0.post2",
            ">1.0a1 ; >1.0a1",
            ">1.0.dev3 ; >1.0.dev3",
            "<1.0 ; <1.0",
            "<1.0a2 ; <1.0a2",
            "<=1.0 ; <=1.0",
            "<=1.0.post1 ; <=1.0.post1",
            "!=1.0 ; !=1.0",
            ">=1.0,!=1.5,<2.0 ; >=1.0, !=1.5, <2.0",
            ">=1.0,!=1.5.*,<2.0 ; >=1.0, !=1.5.*, <2.0",
            ">=2,<1 ; ∅",
    })
    void rendersInPep440WordsWhereTheyAreExact(String set, String expected) {
        VersionRange range = VersionRange.from(SpecifierSet.parse(set));
        assertEquals(expected, range.toString());
        if (!expected.equals("∅")) {
            assertEquals(range, VersionRange.from(parseRendered(expected)), "the text means the same set");
        }
    }

    @Test
    void rendersUnionsAndBoundsPep440CannotWrite() {
        VersionRange below = VersionRange.from(SpecifierSet.parse("<1.0"));
        VersionRange above = VersionRange.from(SpecifierSet.parse(">=2.0"));
        assertEquals("<1.0 | >=2.0", below.union(above).toString());
        assertEquals("<=1.0.post*", VersionRange.from(Specifier.parse(">1.0")).complement().toString());
        assertEquals("∅", VersionRange.empty().toString());
        assertEquals("*", VersionRange.full().toString());
    }

    @Test
    void pep440TextRoundTripsForRandomSets() {
        for (SpecifierSet set : randomSets(400, 2024)) {
            VersionRange range = VersionRange.from(set);
            String text = range.toString();
            boolean pep440 = !text.contains("|") && !text.contains("post*") && !text.equals("∅")
                    && set.specifiers().stream().noneMatch(s -> s.version().contains("+"));
            if (pep440) {
                assertEquals(range, VersionRange.from(parseRendered(text)), () -> "'" + set + "' rendered " + text);
            }
        }
    }
}
