package io.smolsnake.pypackaging.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagTest {
    @Test
    void expandsACompressedSetInTheOrderWritten() {
        assertEquals(List.of(Tag.of("py2", "none", "manylinux_2_17_x86_64"), Tag.of("py2", "none", "manylinux2014_x86_64"),
                Tag.of("py3", "none", "manylinux_2_17_x86_64"), Tag.of("py3", "none", "manylinux2014_x86_64")),
                List.copyOf(Tag.parse("py2.py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64")));
    }

    @Test
    void lowerCasesEveryPartAndPrintsWithDashes() {
        Tag tag = Tag.of("CP312", "Abi3", "MacOSX_11_0_ARM64");

        assertEquals("cp312-abi3-macosx_11_0_arm64", tag.toString());
    }

    @Test
    void acceptsSortedCompressedSetsWhenValidatingOrder() {
        assertEquals(Set.of(Tag.of("py2", "none", "any"), Tag.of("py3", "none", "any")),
                Tag.parse("py2.py3-none-any", true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            py3--any           | Invalid tag 'py3--any': empty component in ''                                           | 4
            a--b-c             | Invalid tag 'a--b-c': empty component in ''                                             | 2
            py3-none           | Invalid tag 'py3-none': a tag has exactly three components (interpreter-abi-platform), found 2 | 0
            py3.2-none-any     | Invalid tag 'py3.2-none-any': invalid interpreter '2' (an interpreter tag is a name such as 'py' or 'cp' and an optional version) | 4
            """)
    void pointsAtTheBadPartOfATag(String tag, String reason, int column) {
        InvalidTagException e = assertThrows(InvalidTagException.class, () -> Tag.parse(tag));

        assertEquals(reason, e.reason());
        assertEquals(column, e.start());
    }

    @Test
    void keepsTheFirstPositionOfADuplicateTag() {
        Tag a = Tag.of("py3", "none", "any");
        Tag b = Tag.of("cp312", "cp312", "linux_x86_64");
        SupportedTags tags = SupportedTags.of(List.of(b, a, b));

        assertEquals(List.of(b, a), tags.tags());
        assertEquals(OptionalInt.of(0), tags.priority(Set.of(a, b)));
        assertEquals(OptionalInt.empty(), tags.priority(Set.of(Tag.of("py2", "none", "any"))));
    }

    @Test
    void freeThreadedCpythonUsesAbi3tInsteadOfAbi3() {
        List<String> abis = Tags.cpythonAbis(PythonVersion.of(3, 14), false, true, false, false);
        List<Tag> tags = Tags.cpythonTags(PythonVersion.of(3, 14), abis, List.of("plat"));

        assertEquals(List.of("cp314t"), abis);
        assertEquals(List.of(Tag.of("cp314", "cp314t", "plat"), Tag.of("cp314", "abi3t", "plat"),
                Tag.of("cp314", "none", "plat"), Tag.of("cp313", "abi3t", "plat")), tags.subList(0, 4));
    }

    @Test
    void debugBuildAlsoLoadsNormalExtensions() {
        assertEquals(List.of("cp312d", "cp312"), Tags.cpythonAbis(PythonVersion.of(3, 12), true, false, true, true));
        assertEquals(List.of("cp37m"), Tags.cpythonAbis(PythonVersion.of(3, 7), false, false, true, true));
    }

    @Test
    void assumesFiftyMinorsForAnOlderGlibcMajor() {
        List<String> platforms = Platforms.manylinux(LibcVersion.of(3, 1), List.of("aarch64"));

        assertEquals(List.of("manylinux_3_1_aarch64", "manylinux_3_0_aarch64", "manylinux_2_50_aarch64"),
                platforms.subList(0, 3));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            glibc 2.26,    2.26
            2.34,          2.34
            2.17-foo,      2.17
            """)
    void parsesLibcVersionsLikePackaging(String text, String expected) {
        assertEquals(expected, LibcVersion.parse(text).toString());
    }

    @Test
    void rejectsALibcVersionWithoutMinor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LibcVersion.parse("glibc 2"));

        assertEquals("Expected a libc version with 2 components major.minor, got: 'glibc 2'", e.getMessage());
    }
}
