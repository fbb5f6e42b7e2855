package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentsTest {
    static final Target PY312 = LambdaTarget.of("python3.12", "x86_64");

    @TempDir
    Path tmp;
    Store store;
    Environments environments;

    @BeforeEach
    void openStore() {
        store = Store.open(tmp.resolve("efs"));
        environments = Environments.open(store);
    }

    /** How a test puts a wheel into its store. */
    interface Installer {
        StoreKey install(TestWheel wheel) throws IOException;
    }

    /**
     * Three packages in lock order: c1 and c2 write different {@code shared/__init__.py} (and the
     * same {@code shared/same.txt}); c2 has a file {@code shared/sub} where c3 has a directory.
     */
    static List<StoreKey> conflicting(Installer installer) throws IOException {
        StoreKey one = installer.install(TestWheel.wheel("c1", "1.0")
                .file("shared/__init__.py", "A = 1\n")
                .file("shared/same.txt", "same\n"));
        StoreKey two = installer.install(TestWheel.wheel("c2", "2.0")
                .file("shared/__init__.py", "A = 2\n")
                .file("shared/same.txt", "same\n")
                .file("shared/sub", "a file\n"));
        StoreKey three = installer.install(TestWheel.wheel("c3", "3.0")
                .file("shared/sub/mod.py", "\n"));
        return List.of(one, two, three);
    }

    StoreKey install(TestWheel wheel) throws IOException {
        Path file = wheel.build(tmp.resolve("wheels-" + UUID.randomUUID()));
        String name = file.getFileName().toString().split("-")[0];
        String version = file.getFileName().toString().split("-")[1];
        return store.install(StoreTest.request(PY312, file, name, version)).key();
    }

    /** Two halves of one namespace package, a .pth file, a script, and torch-style relative paths. */
    List<StoreKey> installSample() throws IOException {
        List<StoreKey> keys = new ArrayList<>();
        keys.add(install(TestWheel.wheel("nsa", "1.0")
                .file("google/alpha/__init__.py", "NAME = 'alpha'\n")
                .file("nsa.pth", "vendored\nimport nsa_hook\n")
                .file("nsa_hook.py", "import sys\nsys.nsa_hooked = True\n")
                .file("vendored/vendmod.py", "WHERE = 'vendored'\n")));
        keys.add(install(TestWheel.wheel("nsb", "2.0")
                .file("google/beta/__init__.py", "NAME = 'beta'\n")
                .file("nsb-2.0.data/scripts/nsb-tool", "#!/bin/sh\necho tool\n")));
        keys.add(install(TestWheel.wheel("torchy", "1.0")
                .file("torchy/__init__.py", "")
                .file("torchy/lib/loader.py", """
                        import os
                        def load():
                            with open(os.path.join(os.path.dirname(__file__), '../../nvidiay/lib/libx.txt')) as f:
                                return f.read().strip()
                        """)));
        keys.add(install(TestWheel.wheel("nvidiay", "1.0")
                .file("nvidiay/lib/libx.txt", "native library\n")));
        return keys;
    }

    static final String IMPORT_SAMPLE = """
            import google.alpha, google.beta, vendmod
            print(google.alpha.NAME, google.beta.NAME, vendmod.WHERE, getattr(sys, 'nsa_hooked', False))
            print(len(google.__path__))
            from torchy.lib import loader
            try:
                print(loader.load())
            except FileNotFoundError:
                print('not found')
            """;

    @Test
    void linkForestHardLinksEveryFileIntoOneSitePackages() throws IOException {
        List<StoreKey> keys = installSample();

        EnvResult env = environments.assemble(EnvRequest.linkForest(PY312, "lock-1", keys));

        Path site = env.path().resolve("site-packages");
        assertEquals(tmp.resolve("efs/envs/python3.12-x86_64/lock-1"), env.path());
        assertEquals(List.of(site), env.sysPath());
        assertEquals("site-packages\n", Files.readString(env.path().resolve("paths.txt")));
        assertTrue(Files.isSameFile(site.resolve("google/alpha/__init__.py"),
                store.entryPath(keys.get(0)).resolve("google/alpha/__init__.py")));
        assertTrue(Files.isRegularFile(site.resolve("nsa.pth")));
        assertTrue(Files.isExecutable(env.path().resolve("bin/nsb-tool")));
        assertFalse(Files.exists(site.resolve(".smolsnake-entry.json")));
        assertFalse(Files.isSymbolicLink(site.resolve("google")));
        assertEquals(env.files(), env.linked());
        assertEquals(0, env.copied());
        assertEquals(4 + 2 + 2 + 1 + 4 * 4, env.files()); // each wheel's files, then 4 dist-info files per wheel
        assertTrue(env.directories() > 0);
        assertFalse(env.cached());
    }

    @Test
    void linkForestPutsDataFilesAndHeadersWherePipTargetPutsThemAndLaunchersInBin() throws IOException {
        List<StoreKey> keys = List.of(
                install(TestWheel.wheel("tooly", "1.0")
                        .file("tooly/__init__.py", "def main():\n    return 0\n")
                        .file("tooly-1.0.data/data/share/man/man1/tooly.1", "manual\n")
                        .file("tooly-1.0.data/headers/tooly.h", "int tooly(void);\n")
                        .file("tooly-1.0.dist-info/entry_points.txt", "[console_scripts]\ntooly = tooly:main\n")),
                // a library directory named like the installer's headers directory, in a wheel without headers
                install(TestWheel.wheel("nativey", "1.0")
                        .file("include/nativey/api.h", "int api(void);\n")
                        .file("nativey/__init__.py", "")));

        EnvResult env = environments.assemble(EnvRequest.linkForest(PY312, "lock-layout", keys));

        Path site = env.path().resolve("site-packages");
        assertEquals("manual\n", Files.readString(site.resolve("share/man/man1/tooly.1")));
        assertEquals("int tooly(void);\n", Files.readString(site.resolve("include/python/tooly/tooly.h")));
        assertEquals("int api(void);\n", Files.readString(site.resolve("include/nativey/api.h")));
        assertTrue(Files.isExecutable(env.path().resolve("bin/tooly")));
        assertTrue(Files.readString(env.path().resolve("bin/tooly")).contains("from tooly import main\n"));
        try (Stream<Path> beside = Files.list(env.path())) {
            assertEquals(List.of(".smolsnake-env.json", "bin", "paths.txt", "site-packages"),
                    beside.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void python3ImportsNamespacePackagesAndPthFilesFromTheLinkForest() throws Exception {
        EnvResult env = environments.assemble(EnvRequest.linkForest(PY312, "lock-1", installSample()));

        String out = Python.run(env.path(), IMPORT_SAMPLE);

        assertEquals("""
                alpha beta vendored True
                1
                native library""", out);
    }

    @Test
    void relativePathsBetweenPackagesResolveInsideTheEnvironment() throws IOException {
        List<StoreKey> keys = installSample();

        EnvResult env = environments.assemble(EnvRequest.linkForest(PY312, "lock-1", keys));

        Path loader = env.path().resolve("site-packages/torchy/lib/loader.py");
        Path referenced = loader.getParent().resolve("../../nvidiay/lib/libx.txt").normalize();
        assertTrue(referenced.startsWith(env.path()));
        assertEquals("native library\n", Files.readString(referenced));
    }

    @Test
    void sysPathLayoutListsEachEntryAndLosesRelativePathsBetweenPackages() throws Exception {
        List<StoreKey> keys = installSample();

        EnvResult env = environments.assemble(new EnvRequest(PY312, "lock-1", keys, EnvLayout.SYS_PATH));

        assertEquals(tmp.resolve("efs/envs/python3.12-x86_64/lock-1.paths"), env.path());
        assertEquals(keys.stream().map(store::entryPath).toList(), env.sysPath());
        assertTrue(Files.readString(env.path().resolve("paths.txt"))
                .startsWith("../../../store/python3.12-x86_64/nsa/1.0/"));
        assertEquals(0, env.linked());
        assertEquals("""
                alpha beta vendored True
                2
                not found""", Python.run(env.path(), IMPORT_SAMPLE));
    }

    @Test
    void differentContentAtOnePathIsAnErrorNamingBothPackagesAndThePath() throws IOException {
        EnvRequest request = EnvRequest.linkForest(PY312, "lock-x", conflicting(this::install));

        StoreException e = assertThrows(StoreException.class, () -> environments.assemble(request));

        assertEquals(StoreException.Kind.CONFLICT, e.kind());
        assertEquals("""
                lock-x: 2 paths would hold different files from two packages; the lock cannot be assembled \
                into one site-packages
                  site-packages/shared/__init__.py: c1 1.0 and c2 2.0 install different content
                  site-packages/shared/sub: a file in c2 2.0, a directory in c3 3.0""", e.getMessage());
        assertEquals(List.of(), listing(tmp.resolve("efs/envs/python3.12-x86_64")));
    }

    @Test
    void identicalContentAtOnePathIsLinkedOnce() throws IOException {
        StoreKey one = install(TestWheel.wheel("d1", "1.0").file("google/__init__.py", "# namespace\n")
                .file("google/d1.py", ""));
        StoreKey two = install(TestWheel.wheel("d2", "1.0").file("google/__init__.py", "# namespace\n")
                .file("google/d2.py", ""));

        EnvResult env = environments.assemble(EnvRequest.linkForest(PY312, "lock-d", List.of(one, two)));

        assertEquals(1, env.shared());
        assertEquals("# namespace\n", Files.readString(env.path().resolve("site-packages/google/__init__.py")));
        assertTrue(Files.exists(env.path().resolve("site-packages/google/d2.py")));
    }

    @Test
    void assemblingACompleteEnvironmentAgainReturnsAtOnce() throws IOException {
        List<StoreKey> keys = installSample();
        EnvResult first = environments.assemble(EnvRequest.linkForest(PY312, "lock-1", keys));
        FileTime before = Files.getLastModifiedTime(first.path().resolve("site-packages"));

        EnvResult second = environments.assemble(EnvRequest.linkForest(PY312, "lock-1", keys));

        assertTrue(second.cached());
        assertEquals(first.files(), second.files());
        assertEquals(first.directories(), second.directories());
        assertEquals(first.sysPath(), second.sysPath());
        assertEquals(before, Files.getLastModifiedTime(second.path().resolve("site-packages")));
    }

    @Test
    void entriesMissingFromTheStoreAreListed() throws IOException {
        StoreKey present = install(TestWheel.wheel("here", "1.0").file("here.py", ""));
        StoreKey absent = StoreKey.of(PY312, "gone", "2.0", "ab".repeat(32));

        StoreException e = assertThrows(StoreException.class,
                () -> environments.assemble(EnvRequest.linkForest(PY312, "lock-m", List.of(present, absent))));

        assertEquals(StoreException.Kind.MISSING_ENTRY, e.kind());
        assertEquals("lock-m: 1 of 2 packages are not in the store; install them first\n"
                + "  gone 2.0 (python3.12-x86_64, sha256 abababababababab) at "
                + store.entryPath(absent), e.getMessage());
    }

    @Test
    void crashedAssemblyLeavesOnlyATemporaryThatOpeningRemoves() throws IOException {
        Path crashed = Files.createDirectories(tmp.resolve("efs/envs/python3.12-x86_64/.tmp-crashed/site-packages"))
                .getParent();
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        Environments.open(store);

        assertFalse(Files.exists(crashed));
    }

    @Test
    void environmentOnAnotherFileSystemThanTheStoreIsCopiedAndSaysSo() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no /dev/shm to put the store on");
        assumeTrue(!Files.getFileStore(shm).equals(Files.getFileStore(tmp)),
                "/dev/shm is on the same file system as " + tmp);
        Path storeRoot = shm.resolve("smolsnake-test-" + UUID.randomUUID());
        try {
            store = Store.open(storeRoot);
            List<StoreKey> keys = installSample();
            Environments elsewhere = Environments.open(tmp.resolve("envs-root"), store, Duration.ofHours(1));

            EnvResult env = elsewhere.assemble(EnvRequest.linkForest(PY312, "lock-1", keys));

            assertEquals(0, env.linked());
            assertEquals(env.files(), env.copied());
            Path copy = env.path().resolve("site-packages/google/alpha/__init__.py");
            assertFalse(Files.isSameFile(copy, store.entryPath(keys.get(0)).resolve("google/alpha/__init__.py")));
            assertTrue(Files.isExecutable(env.path().resolve("bin/nsb-tool")));
            assertEquals("""
                    alpha beta vendored True
                    1
                    native library""", Python.run(env.path(), IMPORT_SAMPLE));
        } finally {
            FileTrees.deleteTree(storeRoot);
        }
    }

    @Test
    void rejectsEntriesOfAnotherPlatform() {
        StoreKey arm = StoreKey.of(LambdaTarget.of("python3.12", "arm64"), "x", "1", "cd".repeat(32));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnvRequest.linkForest(PY312, "lock-a", List.of(arm)));

        assertEquals("environment lock-a: x 1 (python3.12-arm64, sha256 cdcdcdcdcdcdcdcd) is not for python3.12-x86_64",
                e.getMessage());
    }

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
