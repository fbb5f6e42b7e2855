package io.smolsnake.pypackaging.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MarkerTest {
    private static final MarkerEnvironment PY311 = MarkerEnvironment.of(Map.of(
            "python_version", "3.11", "python_full_version", "3.11.7", "implementation_version", "3.11.7",
            "sys_platform", "linux", "platform_machine", "x86_64", "os_name", "posix",
            "platform_system", "Linux", "platform_release", "6.1.0", "implementation_name", "cpython",
            "platform_python_implementation", "CPython"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "python_version >= '3.9'                                   | true",
        "python_version > '3.11'                                   | false",
        "python_full_version >= '3.11.7' and platform_machine == 'x86_64' | true",
        "python_version == '3.11.*'                                | true",
        "platform_release >= '6'                                   | true",
        "'linux' in sys_platform and os_name != 'nt'               | true",
        "platform_machine == 'aarch64' or (os_name == 'posix' and python_version < '3.12') | true",
        "sys_platform == 'win32' or sys_platform == 'darwin'       | false",
    })
    void evaluatesAgainstAnExplicitEnvironment(String marker, boolean expected) {
        assertEquals(expected, Marker.parse(marker).evaluate(PY311));
    }

    @Test
    void comparesExtrasPep685Normalised() {
        Marker marker = Marker.parse("extra == 'Use_Chardet.On-Py3'");

        assertEquals("extra == \"use-chardet-on-py3\"", marker.toString());
        assertTrue(marker.evaluate(PY311.withExtra("use-chardet-on-py3")));
        assertTrue(marker.evaluate(PY311.withExtra("USE_CHARDET_ON_PY3")));
        assertFalse(marker.evaluate(PY311));
    }

    @Test
    void lockFileMarkersTestMembershipOfExtrasAndGroups() {
        Marker marker = Marker.parse("'Dev_Tools' in dependency_groups or 'gpu' in extras");

        assertTrue(marker.evaluate(PY311.withDependencyGroups(Set.of("dev-tools")), MarkerContext.LOCK_FILE));
        assertFalse(marker.evaluate(PY311, MarkerContext.LOCK_FILE));
        UndefinedEnvironmentNameException e = assertThrows(UndefinedEnvironmentNameException.class,
                () -> marker.evaluate(PY311, MarkerContext.REQUIREMENT));
        assertEquals("dependency_groups", e.name());
    }

    @Test
    void compatibleReleaseOnANonVersionIsUndefined() {
        UndefinedComparisonException e = assertThrows(UndefinedComparisonException.class,
                () -> Marker.parse("os_name ~= 'posix'").evaluate(PY311));

        assertEquals("Undefined '~=' on 'posix' and 'posix' (in marker 'os_name ~= \"posix\"')", e.getMessage());
    }

    @Test
    void printsTheWrittenGroupingAndCombinesWithParentheses() {
        Marker grouped = Marker.parse("((os_name == 'a' or os_name == 'b')) and python_version >= '3'");

        assertEquals("(os_name == \"a\" or os_name == \"b\") and python_version >= \"3\"", grouped.toString());
        assertEquals("(os_name == \"a\" or os_name == \"b\") and sys_platform == \"linux\"",
                Marker.parse("os_name == 'a' or os_name == 'b'").and(Marker.parse("sys_platform == 'linux'")).toString());
        assertNotEquals(Marker.parse("os_name == 'x' and (os_name == 'y' and os_name == 'z')"),
                Marker.parse("os_name == 'x' and os_name == 'y' and os_name == 'z'"));
    }

    @Test
    void decodesQuotedStringsAsPythonLiterals() {
        assertEquals("os_name == \"A\u00e9\"", Marker.parse("os_name == '\\x41\\u00e9'").toString());
        assertEquals("os_name == 'say \"hi\"'", Marker.parse("os_name == 'say \"hi\"'").toString());
    }

    @Test
    void rejectsAnUnterminatedEscapeWithPackagingsCaret() {
        InvalidMarkerException e = assertThrows(InvalidMarkerException.class,
                () -> Marker.parse("os_name == \"C:\\\""));

        assertEquals("""
                Invalid quoted string
                    os_name == "C:\\"
                               ~~~~~^""", e.getMessage());
    }

    @Test
    void rejectsAValueHoldingBothQuoteCharacters() {
        InvalidMarkerException e = assertThrows(InvalidMarkerException.class,
                () -> Marker.parse("os_name == 'it\\x27s \"x\"'"));

        assertEquals("Invalid quoted string: a marker value cannot hold both quote characters", e.reason());
    }

    @Test
    void environmentFromAProfileMapRejectsUnknownVariables() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarkerEnvironment.of(Map.of("python_versoin", "3.12")));

        assertTrue(e.getMessage().startsWith("'python_versoin' is not a string-valued marker variable"), e.getMessage());
        assertEquals(Map.of("python_version", "3.12"), MarkerEnvironment.of(Map.of("python_version", "3.12")).asMap());
    }
}
