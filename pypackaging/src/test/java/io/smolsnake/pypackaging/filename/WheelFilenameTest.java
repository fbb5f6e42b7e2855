package io.smolsnake.pypackaging.filename;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smolsnake.pypackaging.tags.Tag;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WheelFilenameTest {
    @Test
    void keepsEachPlatformTagOfAMultiPlatformWheel() {
        WheelFilename wheel = WheelFilename.parse(
                "numpy-2.3.1-cp312-cp312-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl");

        assertEquals(List.of("cp312"), wheel.pythonTags());
        assertEquals(List.of("cp312"), wheel.abiTags());
        assertEquals(List.of("manylinux_2_27_aarch64", "manylinux_2_28_aarch64"), wheel.platformTags());
        assertEquals(2, wheel.tags().size());
        assertEquals("numpy", wheel.name().original());
    }

    @Test
    void normalisesNameAndVersion() {
        WheelFilename wheel = WheelFilename.parse("Typing_Extensions-4.12.0rc1-py3-none-any.whl");

        assertEquals("typing-extensions", wheel.name().toString());
        assertEquals("4.12.0rc1", wheel.version().toString());
        assertEquals(Optional.empty(), wheel.build());
        assertEquals(java.util.Set.of(Tag.of("py3", "none", "any")), wheel.tags());
    }

    @Test
    void buildTagsSortByNumberThenText() {
        BuildTag nine = WheelFilename.parse("foo-1.0-9-py3-none-any.whl").build().orElseThrow();
        BuildTag tenA = WheelFilename.parse("foo-1.0-10a-py3-none-any.whl").build().orElseThrow();
        BuildTag tenB = WheelFilename.parse("foo-1.0-10b-py3-none-any.whl").build().orElseThrow();

        assertEquals(new BuildTag(BigInteger.TEN, "a"), tenA);
        assertEquals(List.of(nine, tenA, tenB), java.util.stream.Stream.of(tenB, nine, tenA).sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            foo.rs                           | The wheel filename "foo.rs" is invalid: must end with .whl
            foo-1.0.whl                      | The wheel filename "foo-1.0.whl" is invalid: must have 5 or 6 dash-separated parts ({name}-{version}(-{build})?-{python}-{abi}-{platform}.whl), found 2
            foo__bar-1.0-py3-none-any.whl    | The wheel filename "foo__bar-1.0-py3-none-any.whl" is invalid: the project name "foo__bar" is invalid (an escaped name is letters, digits, '_' and '.', without '__')
            foobar-1.x-py3-none-any.whl      | The wheel filename "foobar-1.x-py3-none-any.whl" is invalid: the version "1.x" is not a valid PEP 440 version
            foo-1.0-abc-py3-none-any.whl     | The wheel filename "foo-1.0-abc-py3-none-any.whl" is invalid: the build tag "abc" must start with a digit
            foo-1.0-py3-none-.whl            | The wheel filename "foo-1.0-py3-none-.whl" is invalid: the tag "py3-none-" is invalid: empty component in ''
            x-1.0-2.7.6-none-any.whl         | The wheel filename "x-1.0-2.7.6-none-any.whl" is invalid: the tag "2.7.6-none-any" is invalid: invalid interpreter '2' (an interpreter tag is a name such as 'py' or 'cp' and an optional version)
            """)
    void explainsWhatIsWrongWithTheFilename(String filename, String reason) {
        InvalidFilenameException e = assertThrows(InvalidFilenameException.class, () -> WheelFilename.parse(filename));

        assertEquals(reason, e.reason());
    }

    @Test
    void pointsAtTheBadVersionUnderTheFilename() {
        InvalidFilenameException e = assertThrows(InvalidFilenameException.class,
                () -> WheelFilename.parse("foobar-1.x-py3-none-any.whl"));

        assertEquals("    foobar-1.x-py3-none-any.whl\n"
                   + "           ~~^", e.display());
    }

    @Test
    void rejectsUnsortedTagSetOnlyWhenAsked() {
        String filename = "foo-1.0-py3.py2-none-any.whl";
        assertEquals(List.of("py3", "py2"), WheelFilename.parse(filename).pythonTags());

        InvalidFilenameException e = assertThrows(InvalidFilenameException.class,
                () -> WheelFilename.parse(filename, true));
        assertEquals("The wheel filename \"foo-1.0-py3.py2-none-any.whl\" is invalid: the tag \"py3.py2-none-any\""
                + " is invalid: tag component 'py3.py2' is not in sorted order per PEP 425", e.reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            foo-1.0.xz       | The source distribution filename "foo-1.0.xz" is invalid: must end with .tar.gz or .zip
            foo1.0.tar.gz    | The source distribution filename "foo1.0.tar.gz" is invalid: must be {name}-{version}.tar.gz (no dash before the version)
            foo-1.x.zip      | The source distribution filename "foo-1.x.zip" is invalid: the version "1.x" is not a valid PEP 440 version
            """)
    void explainsWhatIsWrongWithAnSdistFilename(String filename, String reason) {
        InvalidFilenameException e = assertThrows(InvalidFilenameException.class, () -> SdistFilename.parse(filename));

        assertEquals(reason, e.reason());
    }

    @Test
    void sdistVersionIsAfterTheLastDash() {
        SdistFilename sdist = SdistFilename.parse("zope.interface-backport-7.0.post1.tar.gz");

        assertEquals("zope-interface-backport", sdist.name().toString());
        assertEquals("7.0.post1", sdist.version().toString());
        assertEquals(".tar.gz", sdist.extension());
    }
}
