package io.smolsnake.pypackaging.lock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);
    private static final LockTarget TARGET = new LockTarget("python3.12", "x86_64", "d".repeat(64));

    private static LockedPackage numpy() {
        return LockedPackage.ofWheels(PackageName.of("NumPy"), Version.parse("2.2.3"), "https://pypi.org/simple",
                List.of(LockedWheel.of("numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.whl",
                        "https://files.example/numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.whl", 16116679, A)));
    }

    private static LockedPackage typingExtensions() {
        return LockedPackage.ofWheels(PackageName.of("typing_extensions"), Version.parse("4.12.2"),
                "https://pypi.org/simple", List.of(LockedWheel.of("typing_extensions-4.12.2-py3-none-any.whl",
                        "https://files.example/typing_extensions-4.12.2-py3-none-any.whl", 37438, B)))
                .withMarker("python_version < \"3.13\"");
    }

    private static LockedPackage attrs() {
        return LockedPackage.ofWheels(PackageName.of("attrs"), Version.parse("25.1.0"), "https://pypi.org/simple",
                List.of(LockedWheel.of("attrs-25.1.0-py3-none-any.whl",
                        "https://files.example/attrs-25.1.0-py3-none-any.whl", 63152, C)))
                .withRequiresPython(">=3.8");
    }

    @Test
    void writesSmolsnakeLockInCanonicalForm() {
        // given packages in no particular order
        Lock lock = Lock.of("smolsnake", ">=3.12", List.of(typingExtensions(), numpy(), attrs()), TARGET);

        // then they are written sorted by normalised name, keys in PEP 751 order, LF endings
        assertEquals("""
                lock-version = "1.0"
                requires-python = ">=3.12"
                created-by = "smolsnake"

                [[packages]]
                name = "attrs"
                version = "25.1.0"
                requires-python = ">=3.8"
                index = "https://pypi.org/simple"
                wheels = [
                    { name = "attrs-25.1.0-py3-none-any.whl", url = "https://files.example/attrs-25.1.0-py3-none-any.whl", size = 63152, hashes = { sha256 = "%3$s" } },
                ]

                [[packages]]
                name = "numpy"
                version = "2.2.3"
                index = "https://pypi.org/simple"
                wheels = [
                    { name = "numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.whl", url = "https://files.example/numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.whl", size = 16116679, hashes = { sha256 = "%1$s" } },
                ]

                [[packages]]
                name = "typing-extensions"
                version = "4.12.2"
                marker = "python_version < \\"3.13\\""
                index = "https://pypi.org/simple"
                wheels = [
                    { name = "typing_extensions-4.12.2-py3-none-any.whl", url = "https://files.example/typing_extensions-4.12.2-py3-none-any.whl", size = 37438, hashes = { sha256 = "%2$s" } },
                ]

                [tool.smolsnake]
                arch = "x86_64"
                inputs-digest = "%4$s"
                runtime = "python3.12"
                """.formatted(A, B, C, "d".repeat(64)), lock.toToml());
    }

    @Test
    void readsBackWhatItWrites() {
        Lock lock = Lock.of("smolsnake", ">=3.12", List.of(typingExtensions(), numpy(), attrs()), TARGET);

        Lock read = Lock.parse(lock.toToml(), "pylock.toml");

        assertEquals(lock, read);
        assertEquals(lock.toToml(), read.toToml());
        assertEquals(TARGET, read.target().orElseThrow());
    }

    @Test
    void sameLockBuiltInAnyOrderHasSameBytesAndDigest() {
        Lock one = Lock.of("smolsnake", null, List.of(numpy(), attrs(), typingExtensions()), TARGET);
        Lock two = Lock.of("smolsnake", null, List.of(typingExtensions(), attrs(), numpy()), TARGET);
        LockedWheel upper = new LockedWheel("attrs-25.1.0-py3-none-any.whl",
                "https://files.example/attrs-25.1.0-py3-none-any.whl", null, 63152L, null,
                Map.of("SHA256", C.toUpperCase()));
        Lock three = Lock.of("smolsnake", null, List.of(numpy(), typingExtensions(),
                LockedPackage.ofWheels(PackageName.of("Attrs"), Version.parse("25.1.0"), "https://pypi.org/simple",
                        List.of(upper)).withRequiresPython(">=3.8")), TARGET);

        assertArrayEquals(one.toBytes(), two.toBytes());
        assertArrayEquals(one.toBytes(), three.toBytes());
        assertEquals(one.digest(), three.digest());
        assertTrue(one.digest().matches("[0-9a-f]{64}"), one.digest());
    }

    @Test
    void digestChangesWhenAWheelChanges() {
        Lock one = Lock.of("smolsnake", null, List.of(attrs()), TARGET);
        Lock other = Lock.of("smolsnake", null, List.of(LockedPackage.ofWheels(PackageName.of("attrs"),
                Version.parse("25.1.0"), "https://pypi.org/simple", List.of(LockedWheel.of(
                        "attrs-25.1.0-py3-none-any.whl", "https://files.example/attrs-25.1.0-py3-none-any.whl",
                        63152, A))).withRequiresPython(">=3.8")), TARGET);

        assertNotEquals(one.digest(), other.digest());
    }

    @Test
    void packagesOfTheSameNameAreOrderedByVersion() {
        LockedPackage older = LockedPackage.ofWheels(PackageName.of("numpy"), Version.parse("1.26.4"), null,
                List.of(LockedWheel.of("numpy-1.26.4-cp39-cp39-manylinux_2_17_x86_64.whl", "https://x/n1.whl", 1, B)))
                .withMarker("python_version < \"3.10\"");
        LockedPackage newer = numpy().withMarker("python_version >= \"3.10\"");

        Lock lock = Lock.of("smolsnake", null, List.of(newer, older), TARGET);

        assertEquals(List.of(Version.parse("1.26.4"), Version.parse("2.2.3")),
                lock.packages().stream().map(LockedPackage::version).toList());
    }

    @Test
    void escapesStringsAndKeepsFreeFormToolTables() {
        Map<String, Object> tool = Map.of("other", Map.of("note", "tab\there \"quoted\" back\\slash\nnew\u0001",
                "nested", Map.of("n", 3, "when", OffsetDateTime.parse("2025-03-06T12:28:00Z")),
                "list", List.of(1, "two", true), "odd key", 1.5));
        Lock lock = new Lock("1.0", List.of("sys_platform == 'linux'"), null, List.of(), List.of(), List.of(),
                "some-tool", List.of(attrs()), tool);

        String toml = lock.toToml();
        Lock read = Lock.parse(toml, "pylock.toml");

        assertEquals(lock, read);
        assertTrue(toml.contains("note = \"tab\\there \\\"quoted\\\" back\\\\slash\\nnew\\u0001\"\n"), toml);
        assertTrue(toml.contains("\n[tool.other.nested]\nn = 3\nwhen = 2025-03-06T12:28:00Z\n"), toml);
        assertTrue(toml.contains("\"odd key\" = 1.5\n"), toml);
        assertTrue(toml.contains("\nextras = []\ndependency-groups = []\ndefault-groups = []\n"), toml);
        assertTrue(!toml.contains("\r"));
    }

    @Test
    void writesEmptyPackagesArraySinceItIsRequired() {
        Lock lock = Lock.of("smolsnake", null, List.of(), TARGET);

        assertEquals(lock, Lock.parse(lock.toToml(), "pylock.toml"));
        assertTrue(lock.toToml().contains("\npackages = []\n"), lock.toToml());
    }

    @Test
    void writesAndReadsAFile(@TempDir Path dir) {
        Lock lock = Lock.of("smolsnake", null, List.of(attrs()), TARGET);
        Path file = dir.resolve("pylock.toml");

        lock.write(file);

        assertEquals(lock, Lock.read(file));
    }

    @Test
    void withTargetKeepsOtherSmolsnakeKeys() {
        Lock lock = Lock.parse("""
                lock-version = "1.0"
                created-by = "smolsnake"
                packages = []
                [tool.smolsnake]
                runtime = "python3.11"
                arch = "arm64"
                inputs-digest = "old"
                handler = "app.handler"
                """, "pylock.toml");

        Lock changed = lock.withTarget(new LockTarget("python3.12", "x86_64", null));

        assertEquals(new LockTarget("python3.12", "x86_64", null), changed.target().orElseThrow());
        assertEquals(Map.of("runtime", "python3.12", "arch", "x86_64", "handler", "app.handler"),
                changed.tool().get("smolsnake"));
    }
}
