package io.smolsnake.pypackaging.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Behaviour beyond the conformance vectors: error text, the agreed API, deliberate choices. */
class SpecifierTest {

    @Test
    void rejectsPrefixMatchOnOrderedOperatorNamingTheSpecifierAndWhy() {
        InvalidSpecifierException e = assertThrows(InvalidSpecifierException.class, () -> Specifier.parse(">=1.0.*"));
        assertEquals("""
                Invalid specifier: '>=1.0.*' (a prefix match (.*) is only allowed with == and !=)
                    >=1.0.*
                      ~~~~^""", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1.0        | Invalid specifier: '1.0' (expected an operator (==, !=, <=, >=, <, >, ~=, ===) before the version)",
            "==         | Invalid specifier: '==' (expected a version after '==')",
            "~=1        | Invalid specifier: '~=1' (~= needs at least two release numbers, as in ~=1.4)",
            ">=1.0+abc  | Invalid specifier: '>=1.0+abc' (a local version label (+...) is only allowed with == and !=)",
            "==1.0a1.*  | Invalid specifier: '==1.0a1.*' (a prefix match (.*) must follow release numbers only, as in ==1.2.*)",
            ">=1.0,<2   | Invalid specifier: '>=1.0,<2' (one specifier holds one comparison; a comma-separated list is a specifier set)",
            ">=1.0.0x   | Invalid specifier: '>=1.0.0x' ('1.0.0x' is not a PEP 440 version)",
    })
    void explainsWhyASpecifierIsInvalid(String input, String firstLine) {
        InvalidSpecifierException e = assertThrows(InvalidSpecifierException.class, () -> Specifier.parse(input));
        assertEquals(firstLine, e.getMessage().lines().findFirst().orElseThrow());
        assertEquals(input, e.input());
    }

    @Test
    void pointsAtTheBadMemberOfASet() {
        InvalidSpecifierException e = assertThrows(InvalidSpecifierException.class,
                () -> SpecifierSet.parse(">=1.0, <2.0.*"));
        assertEquals("""
                Invalid specifier: '<2.0.*' (a prefix match (.*) is only allowed with == and !=)
                    >=1.0, <2.0.*
                            ~~~~^""", e.getMessage());
    }

    @Test
    void exposesOperatorAndVersionAsWritten() {
        Specifier s = Specifier.parse("  ~= v2.2 ");
        assertEquals(Operator.COMPATIBLE, s.operator());
        assertEquals("~=", s.operator().symbol());
        assertEquals("v2.2", s.version());
        assertEquals("~=v2.2", s.toString());
    }

    @Test
    void acceptsALonePreReleaseUnlessPreReleasesAreExcludedExplicitly() {
        Specifier atLeastOne = Specifier.parse(">=1.0");
        assertTrue(atLeastOne.contains(Version.parse("2.0a1")));
        assertFalse(atLeastOne.contains("2.0a1", false));
        assertFalse(atLeastOne.withPrereleases(false).contains(Version.parse("2.0a1")));
        assertEquals(List.of("1.5"), SpecifierSet.parse(">=1.0").filter(List.of("1.5", "2.0a1"), null));
        assertEquals(List.of("2.0a1"), SpecifierSet.parse(">=1.0").filter(List.of("0.5", "2.0a1"), null));
    }

    @Test
    void acceptsAnInstalledPreReleaseThatWouldOtherwiseBeExcluded() {
        SpecifierSet set = SpecifierSet.parse(">=1.0").withPrereleases(false);
        assertFalse(set.contains("1.1rc1", null));
        assertTrue(set.contains("1.1rc1", null, true));
    }

    @Test
    void emptySetMatchesEverythingAndReportsNoSpecifiers() {
        assertTrue(SpecifierSet.parse(" , ").isEmpty());
        assertEquals(SpecifierSet.empty(), SpecifierSet.parse(""));
        assertTrue(SpecifierSet.empty().contains(Version.parse("1.0")));
        assertEquals("", SpecifierSet.empty().toString());
    }

    @Test
    void combinesSetsAndListsMembersInPackagingsOrder() {
        SpecifierSet combined = SpecifierSet.parse(">=1.0.0,!=1.0.1").and(SpecifierSet.parse("<=2.0.0,!=2.0.1"));
        assertEquals("!=1.0.1,!=2.0.1,<=2.0.0,>=1.0.0", combined.toString());
        assertEquals(4, combined.specifiers().size());
        assertEquals(">=1.0.0", combined.specifiers().get(0).toString(), "members keep the order they were given");
    }

    @Test
    void refusesToCombineOppositeExplicitPreReleaseChoices() {
        SpecifierSet yes = SpecifierSet.parse(">=1").withPrereleases(true);
        SpecifierSet no = SpecifierSet.parse("<2").withPrereleases(false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> yes.and(no));
        assertEquals("Cannot combine specifier sets '>=1' and '<2': one allows pre-releases explicitly and the other"
                + " forbids them", e.getMessage());
    }

    /**
     * PEP 440 says {@code c} is {@code rc} and {@code r}/{@code rev} are {@code post}. packaging
     * 26.2's string-based {@code ~=} check takes {@code ~=1.0.0c1} as {@code ==1.0.0.*} (it does not
     * see {@code c1} as a suffix) while its own range model and {@code ~=1.0.0rc1} say
     * {@code ==1.0.*}; we follow the normalised version, so both spellings mean the same.
     */
    @Test
    void compatibleReleaseTreatsEverySpellingOfAPreReleaseAlike() {
        Specifier c = Specifier.parse("~=1.0.0c1");
        Specifier rc = Specifier.parse("~=1.0.0rc1");
        assertTrue(rc.contains("1.0.1", null));
        assertTrue(c.contains("1.0.1", null));
        assertEquals(VersionRange.from(rc), VersionRange.from(c));
    }

    @Test
    void rangeOfAnArbitraryEqualityIsTheVersionItSpells() {
        assertEquals(VersionRange.singleton(Version.parse("1.0")), VersionRange.from(Specifier.parse("===1.0")));
        assertTrue(VersionRange.from(Specifier.parse("===foobar")).isEmpty());
    }
}
