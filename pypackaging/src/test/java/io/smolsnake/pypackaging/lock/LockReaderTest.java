package io.smolsnake.pypackaging.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LockReaderTest {
    private static final String SHA = "c75a69e28a550a7e93789579c22aa26b0f5b83b75dc4e08fe092980051e1090a";

    /** Written the way another locker might: single quotes, sub-tables, offsets, every kind of source. */
    private static final String THIRD_PARTY = """
            lock-version = '1.0'
            environments = ["sys_platform == 'win32'", "sys_platform == 'linux'"]
            requires-python = '== 3.12.*'
            created-by = 'mousebender'

            [[packages]]
            name = 'attrs'
            version = '25.1.0'
            requires-python = '>= 3.8'

                [[packages.wheels]]
                name = 'attrs-25.1.0-py3-none-any.whl'
                upload-time = 2025-01-25T11:30:10.164985+00:00
                url = 'https://files.pythonhosted.org/packages/fc/30/attrs-25.1.0-py3-none-any.whl'
                size = 63152
                hashes = {sha256 = 'C75A69E28A550A7E93789579C22AA26B0F5B83B75DC4E08FE092980051E1090A'}

                [[packages.attestation-identities]]
                environment = 'release-pypi'
                kind = 'GitHub'
                repository = 'python-attrs/attrs'
                workflow = 'pypi-package.yml'

            [[packages]]
            name = 'cattrs'
            version = '24.1.2'
            dependencies = [
                {name = 'attrs'},
            ]

                [packages.sdist]
                url = 'https://files.example/cattrs-24.1.2.tar.gz'
                upload-time = 2024-09-22T16:58:34+02:00
                hashes = {sha256 = '%1$s', md5 = 'abc'}

            [[packages]]
            name = 'mylib'

                [packages.directory]
                path = './mylib'
                editable = true

            [[packages]]
            name = 'gitpkg'
            vcs = { type = 'git', url = 'https://github.com/o/gitpkg', requested-revision = 'main', commit-id = 'abc123' }

            [[packages]]
            name = 'zipped'
            archive = { path = 'dist/zipped-1.0.zip', size = 10, hashes = { sha256 = '%1$s' }, subdirectory = 'src' }

                [packages.tool.pdm]
                groups = ['default']

            [tool.mousebender]
            command = ['.', 'lock', 'cattrs']
            run-on = 2025-03-06T12:28:57.760769
            """.formatted(SHA);

    @Test
    void readsALockWrittenByAnotherTool() {
        Lock lock = Lock.parse(THIRD_PARTY, "pylock.toml");

        assertEquals("mousebender", lock.createdBy());
        assertEquals("== 3.12.*", lock.requiresPython());
        assertEquals(List.of("sys_platform == 'linux'", "sys_platform == 'win32'"), lock.environments());
        assertNull(lock.extras());
        assertEquals(List.of("attrs", "cattrs", "gitpkg", "mylib", "zipped"),
                lock.packages().stream().map(p -> p.name().toString()).toList());

        LockedPackage attrs = lock.packages().get(0);
        assertEquals(Version.parse("25.1.0"), attrs.version());
        LockedWheel wheel = attrs.wheels().get(0);
        assertEquals(SHA, wheel.sha256());
        assertEquals(63152L, wheel.size());
        assertEquals(OffsetDateTime.parse("2025-01-25T11:30:10.164985Z"), wheel.uploadTime());
        assertEquals("GitHub", attrs.attestationIdentities().get(0).get("kind"));

        LockedPackage cattrs = lock.packages().get(1);
        assertEquals(List.of(Map.of("name", "attrs")), cattrs.dependencies());
        assertEquals("cattrs-24.1.2.tar.gz", cattrs.sdist().fileName());
        assertEquals(OffsetDateTime.parse("2024-09-22T14:58:34Z"), cattrs.sdist().uploadTime());
        assertEquals(Map.of("md5", "abc", "sha256", SHA), cattrs.sdist().hashes());

        assertEquals(new LockedVcs("git", "https://github.com/o/gitpkg", null, "main", "abc123", null),
                lock.packages().get(2).vcs());
        assertEquals(new LockedDirectory("./mylib", true, null), lock.packages().get(3).directory());
        assertNull(lock.packages().get(3).version());
        assertEquals("zipped-1.0.zip", lock.packages().get(4).archive().fileName());
        assertEquals("src", lock.packages().get(4).archive().subdirectory());
        assertEquals(Map.of("pdm", Map.of("groups", List.of("default"))), lock.packages().get(4).tool());
        assertEquals(List.of(".", "lock", "cattrs"),
                ((Map<?, ?>) lock.tool().get("mousebender")).get("command"));
        assertTrue(lock.target().isEmpty());
    }

    @Test
    void rewritesAThirdPartyLockWithoutLosingAnything() {
        Lock lock = Lock.parse(THIRD_PARTY, "pylock.toml");

        Lock again = Lock.parse(lock.toToml(), "pylock.toml");

        assertEquals(lock, again);
        assertEquals(lock.toToml(), again.toToml());
    }

    static Stream<Arguments> invalidLocks() {
        return Stream.of(
                Arguments.of("missing required keys", """
                        packages = []
                        """, """
                        pylock.toml: lock-version: a value is required
                        pylock.toml: created-by: a value is required"""),
                Arguments.of("unsupported major version", """
                        lock-version = "2.0"
                        whatever = 1
                        """, """
                        pylock.toml: lock-version: unsupported version "2.0"; smolsnake reads 1.x"""),
                Arguments.of("not TOML", """
                        lock-version = "1.0"
                        lock-version = "1.0"
                        """, """
                        pylock.toml: invalid TOML at line 2, column 1: key 'lock-version' is defined twice"""),
                Arguments.of("every problem of every package", """
                        lock-version = "1.0"
                        created-by = "x"
                        extras = "all"

                        [[packages]]
                        name = "Foo_Bar"
                        version = "one"
                        wheels = [{ name = "foo-1.tar.gz", url = "https://x/foo-1.tar.gz", hashes = {} }]

                        [[packages]]
                        name = "ok"
                        wheel = []

                        [[packages]]
                        name = "both"
                        directory = { path = "." }
                        wheels = [{ url = "https://x/both-1-py3-none-any.whl", size = -1, hashes = { sha256 = "12" }, upload-time = 2025-01-01T00:00:00 }]

                        [[packages]]
                        name = "bad-vcs"
                        vcs = { type = "git" }

                        [tool]
                        smolsnake = { runtime = 312 }
                        flag = true
                        """, """
                        pylock.toml: extras: expected an array of strings, found a string
                        pylock.toml: packages[0].name: "Foo_Bar" is not normalized; write "foo-bar"
                        pylock.toml: packages[0].version: "one" is not a valid version
                        pylock.toml: packages[0].wheels[0].hashes: a sha256 is required
                        pylock.toml: packages[0].wheels[0].name: a wheel file name ends in .whl, found "foo-1.tar.gz"
                        pylock.toml: packages[1].wheel: unknown key (not in PEP 751 lock-version 1.0)
                        pylock.toml: packages[1]: no source: one of wheels, sdist, archive, directory or vcs is required
                        pylock.toml: packages[2].wheels[0].size: expected a non-negative integer, found an integer -1
                        pylock.toml: packages[2].wheels[0].upload-time: expected a date-time with a UTC offset (2025-01-25T11:30:10Z), found a local date-time 2025-01-01T00:00
                        pylock.toml: packages[2].wheels[0].hashes.sha256: expected 64 hexadecimal digits, found "12"
                        pylock.toml: packages[2]: directory and sdist/wheels are mutually exclusive
                        pylock.toml: packages[3].vcs.commit-id: a value is required
                        pylock.toml: packages[3].vcs: a url or a path is required
                        pylock.toml: tool.flag: expected a table (one per tool), found a boolean
                        pylock.toml: tool.smolsnake.runtime: expected a string, found 312
                        pylock.toml: tool.smolsnake.arch: a value is required"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalidLocks(String name, String toml, String expected) {
        InvalidLockException e = assertThrows(InvalidLockException.class, () -> Lock.parse(toml, "pylock.toml"));

        assertEquals(expected, e.getMessage());
        assertEquals("pylock.toml", e.source());
    }

    @Test
    void laterMinorVersionMayAddKeys() {
        Lock lock = Lock.parse("""
                lock-version = "1.1"
                created-by = "future"
                new-top-level = true
                [[packages]]
                name = "p"
                new-field = 1
                directory = { path = "." }
                """, "pylock.toml");

        assertEquals(PackageName.of("p"), lock.packages().get(0).name());
        assertEquals("1.1", lock.lockVersion());
    }
}
