package io.smolsnake.pypackaging.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.requirement.MarkerEnvironment;
import io.smolsnake.pypackaging.requirement.Requirement;
import io.smolsnake.pypackaging.version.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoreMetadataTest {
    private static final MarkerEnvironment PY311_LINUX = MarkerEnvironment.of(Map.of(
            "python_version", "3.11", "python_full_version", "3.11.7", "sys_platform", "linux",
            "platform_system", "Linux", "platform_machine", "x86_64", "os_name", "posix",
            "implementation_name", "cpython", "platform_python_implementation", "CPython"));

    private static byte[] resource(String name) {
        try (InputStream in = CoreMetadataTest.class.getResourceAsStream("/metadata/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsRequestsWheelMetadata() {
        CoreMetadata m = CoreMetadata.parse(resource("requests-2.34.2.METADATA"));

        assertEquals("2.4", m.metadataVersion());
        assertEquals("requests", m.name());
        assertEquals(Version.parse("2.34.2"), m.version());
        assertEquals("Python HTTP for Humans.", m.summary());
        assertTrue(m.requiresPython().contains("3.10.0", null));
        assertFalse(m.requiresPython().contains("3.9.18", null));
        assertEquals(List.of("charset_normalizer<4,>=2", "idna<4,>=2.5", "urllib3<3,>=1.26", "certifi>=2023.5.7",
                        "PySocks!=1.5.7,>=1.5.6; extra == \"socks\"",
                        "chardet<8,>=3.0.2; extra == \"use-chardet-on-py3\""),
                m.requiresDist().stream().map(Requirement::toString).toList());
        assertEquals(List.of("security", "socks", "use-chardet-on-py3"), m.providesExtra());
        assertEquals(List.of("LICENSE", "NOTICE"), m.values("license-file"));
        assertTrue(m.description().startsWith("# Requests\n"), m.description());
    }

    @Test
    void requirementsOfAnExtraApplyOnlyWhenThatExtraIsRequested() {
        CoreMetadata m = CoreMetadata.parse(resource("requests-2.34.2.METADATA"));

        List<String> plain = m.requiresDist().stream().filter(r -> r.marker() == null || r.marker().evaluate(PY311_LINUX))
                .map(Requirement::name).toList();
        List<String> socks = m.requiresDist().stream()
                .filter(r -> r.marker() == null || r.marker().evaluate(PY311_LINUX.withExtra("SOCKS")))
                .map(Requirement::name).toList();

        assertEquals(List.of("charset_normalizer", "idna", "urllib3", "certifi"), plain);
        assertEquals(List.of("charset_normalizer", "idna", "urllib3", "certifi", "PySocks"), socks);
    }

    @Test
    void unfoldsContinuationLinesKeepingTheirLineBreaks() {
        CoreMetadata m = CoreMetadata.parse(resource("cycler-0.12.1.METADATA"));

        String license = m.values("License").get(0);
        assertTrue(license.startsWith("Copyright (c) 2015, matplotlib project\n        All rights reserved.\n        \n"),
                license);
        assertTrue(license.endsWith("OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE."), license);
        assertEquals(List.of("https://matplotlib.org/cycler/"),
                m.values("project-url").stream().filter(u -> u.startsWith("homepage")).map(u -> u.substring(10)).toList());
        assertEquals("ipython; extra == \"docs\"", m.requiresDist().get(0).toString());
        assertEquals(7, m.requiresDist().size());
        assertEquals(List.of("docs", "tests"), m.providesExtra());
        assertTrue(m.description().startsWith("|PyPi|_ |Conda|_"), m.description());
    }

    @Test
    void readsRequiresPythonWithSeveralSpecifiersAndNoDependencies() {
        CoreMetadata m = CoreMetadata.parse(resource("six-1.17.0.METADATA"));

        assertEquals("six", m.name());
        assertEquals(4, m.requiresPython().specifiers().size());
        assertTrue(m.requiresPython().contains("2.7.18", null));
        assertFalse(m.requiresPython().contains("3.1.5", null));
        assertEquals(List.of(), m.requiresDist());
        assertEquals(List.of(), m.providesExtra());
    }

    @Test
    void readsPkgInfoWithCrLfLineEndingsAndTheOldDescriptionField() {
        String pkgInfo = "Metadata-Version: 1.2\r\nName: Old.Project\r\nVersion: 1.0-rc1\r\n"
                + "Description: first line\r\n        |second line\r\nRequires-Python: >= 3.6\r\n";

        CoreMetadata m = CoreMetadata.parse(pkgInfo);

        assertEquals("old-project", m.packageName().toString());
        assertEquals("1.0rc1", m.version().toString());
        assertEquals("first line\n        |second line", m.description());
        assertNull(m.summary());
        assertTrue(m.requiresPython().contains("3.6.0", null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Name             | Metadata-Version: 2.1\\nVersion: 1.0",
        "Version          | Metadata-Version: 2.1\\nName: demo\\n\\nVersion: 1.0 (in the body, not a field)",
        "Metadata-Version | Name: demo\\nVersion: 1.0",
    })
    void rejectsDocumentWithoutARequiredField(String field, String document) {
        InvalidMetadataException e = assertThrows(InvalidMetadataException.class,
                () -> CoreMetadata.parse(document.replace("\\n", "\n")));

        assertEquals("Missing required field '" + field + "'", e.getMessage());
        assertEquals(field, e.field());
        assertEquals(0, e.line());
    }

    @Test
    void rejectsMalformedRequiresDistNamingTheLineAndColumn() {
        String document = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: idna\n"
                + "Requires-Dist: foo >= 1.0 <= 2.0\n";

        InvalidMetadataException e = assertThrows(InvalidMetadataException.class, () -> CoreMetadata.parse(document));

        assertEquals("""
                Invalid Requires-Dist on line 5: Expected comma (within version specifier), semicolon (after version \
                specifier) or end
                    foo >= 1.0 <= 2.0
                        ~~~~~~~^""", e.getMessage());
        assertEquals("Requires-Dist", e.field());
        assertEquals(5, e.line());
    }

    @Test
    void rejectsAnInvalidVersionNamingTheField() {
        InvalidMetadataException e = assertThrows(InvalidMetadataException.class,
                () -> CoreMetadata.parse("Metadata-Version: 2.1\nName: demo\nVersion: one point oh\n"));

        assertTrue(e.getMessage().startsWith("Invalid Version on line 3: "), e.getMessage());
        assertEquals("Version", e.field());
        assertEquals(3, e.line());
    }

    @Test
    void rejectsARepeatedSingleValuedField() {
        InvalidMetadataException e = assertThrows(InvalidMetadataException.class,
                () -> CoreMetadata.parse("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nversion: 2.0\n"));

        assertEquals("Field 'version' appears more than once (lines 3 and 4)", e.reason());
        assertEquals(4, e.line());
    }

    @Test
    void rejectsAnInvalidProjectNameAndExtraName() {
        InvalidMetadataException name = assertThrows(InvalidMetadataException.class,
                () -> CoreMetadata.parse("Metadata-Version: 2.1\nName: -demo\nVersion: 1.0\n"));
        InvalidMetadataException extra = assertThrows(InvalidMetadataException.class,
                () -> CoreMetadata.parse("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nProvides-Extra: a b\n"));

        assertEquals("Invalid Name on line 2: '-demo' is not a valid project name", name.reason());
        assertEquals("Invalid Provides-Extra on line 4: 'a b' is not a valid extra name", extra.reason());
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] latin1 = "Metadata-Version: 2.1\nName: d\u00e9mo\nVersion: 1.0\n".getBytes(StandardCharsets.ISO_8859_1);

        InvalidMetadataException e = assertThrows(InvalidMetadataException.class, () -> CoreMetadata.parse(latin1));

        assertEquals("Core metadata is not valid UTF-8", e.getMessage());
    }
}
