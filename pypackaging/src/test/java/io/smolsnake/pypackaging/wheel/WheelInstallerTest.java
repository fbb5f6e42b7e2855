package io.smolsnake.pypackaging.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import io.smolsnake.pypackaging.wheel.WheelInstallException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WheelInstallerTest {
    private static final String INTERPRETER = "/var/lang/bin/python3.12";

    @TempDir
    Path tmp;

    private final BytecodeCompilers compilers = new BytecodeCompilers();

    @AfterEach
    void closeCompilers() {
        compilers.close();
    }

    /** Compiling with {@code python}: one process per wheel, or in the long-lived compilers. */
    private InstallOptions compiling(Path python, boolean pooled) {
        InstallOptions options = InstallOptions.of(INTERPRETER);
        return pooled ? options.compilingWith(python, compilers) : options.compilingWith(python);
    }

    private Path entry() {
        return tmp.resolve("entry");
    }

    private InstallResult install(WheelBuilder builder) throws IOException {
        return install(builder, InstallOptions.of(INTERPRETER));
    }

    private InstallResult install(WheelBuilder builder, InstallOptions options) throws IOException {
        Path wheel = builder.build(tmp);
        try (WheelSource source = WheelSource.open(wheel, ExpectedDigest.of(Files.size(wheel),
                WheelBuilder.sha256(wheel)))) {
            return WheelInstaller.install(source, Destination.create(entry()), options);
        }
    }

    private WheelInstallException failure(WheelBuilder builder) {
        return assertThrows(WheelInstallException.class, () -> install(builder));
    }

    private String read(String relative) throws IOException {
        return Files.readString(entry().resolve(relative));
    }

    private void assertNothingWritten() throws IOException {
        if (Files.exists(entry())) {
            try (Stream<Path> files = Files.list(entry())) {
                assertEquals(List.of(), files.toList());
            }
        }
    }

    /** Every file below {@code root}: its relative path and the sha256 of its bytes. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                tree.put(root.relativize(file).toString(), WheelBuilder.recordHash(Files.readAllBytes(file)));
            }
        }
        return tree;
    }

    private static WheelBuilder demo() {
        return WheelBuilder.wheel("demo", "1.0").file("demo/__init__.py", "VALUE = 1\n");
    }

    @Test
    void unpacksRootDataSchemesAndDistInfoIntoOneDirectory() throws IOException {
        WheelBuilder builder = demo()
                .executable("demo/tool.sh", "#!/bin/sh\necho hi\n")
                .file("demo-1.0.data/purelib/demo_extra.py", "EXTRA = 2\n")
                .file("demo-1.0.data/platlib/demo/_native.py", "NATIVE = 3\n")
                .file("demo-1.0.data/scripts/demo-run", "#!python\nimport demo\n")
                .file("demo-1.0.data/headers/demo.h", "int demo(void);\n")
                .file("demo-1.0.data/data/share/demo/readme.txt", "data\n");

        InstallResult result = install(builder);

        assertEquals(PackageName.of("demo"), result.name());
        assertEquals(Version.parse("1.0"), result.version());
        assertEquals(List.of(
                "bin/demo-run",
                "data/share/demo/readme.txt",
                "demo-1.0.dist-info/INSTALLER",
                "demo-1.0.dist-info/METADATA",
                "demo-1.0.dist-info/RECORD",
                "demo-1.0.dist-info/WHEEL",
                "demo/__init__.py",
                "demo/_native.py",
                "demo/tool.sh",
                "demo_extra.py",
                "include/demo/demo.h"), result.files());
        assertEquals("#!/var/lang/bin/python3.12\nimport demo\n", read("bin/demo-run"));
        assertEquals("int demo(void);\n", read("include/demo/demo.h"));
        assertEquals("smolsnake\n", read("demo-1.0.dist-info/INSTALLER"));
        assertFalse(result.compiled());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void reportsWhichTopLevelDirectoriesHoldScriptsHeadersOrData() throws IOException {
        InstallResult result = install(demo()
                .file("demo-1.0.data/headers/demo.h", "int demo(void);\n")
                .file("demo-1.0.dist-info/entry_points.txt", "[console_scripts]\ndemo-cli = demo:main\n")
                .file("data/__init__.py", "# a package named data\n"));

        assertEquals(List.of("bin", "include"), result.schemeDirectories());
    }

    @Test
    void refusesLibraryFilesMixedIntoTheDirectoryOfAScheme() throws IOException {
        WheelInstallException e = failure(demo()
                .file("include/demo/api.h", "int api(void);\n")
                .file("demo-1.0.data/headers/demo.h", "int demo(void);\n"));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertTrue(e.getMessage().contains("'include/demo/api.h' is a library file under include/, where this"
                + " installer puts the wheel's headers; the two cannot be told apart"), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void keepsExecutableBitsFromTheArchiveAndMakesScriptsExecutable() throws IOException {
        install(demo()
                .executable("demo/tool.sh", "#!/bin/sh\n")
                .file("demo-1.0.data/scripts/plain", "#!/bin/sh\necho\n"));

        assertTrue(Files.getPosixFilePermissions(entry().resolve("demo/tool.sh"))
                .contains(PosixFilePermission.OWNER_EXECUTE));
        assertTrue(Files.getPosixFilePermissions(entry().resolve("bin/plain"))
                .contains(PosixFilePermission.OTHERS_EXECUTE));
        assertFalse(Files.getPosixFilePermissions(entry().resolve("demo/__init__.py"))
                .contains(PosixFilePermission.OWNER_EXECUTE));
        assertEquals("#!/bin/sh\necho\n", read("bin/plain"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            #!python\\nprint(1)\\n          | #!/var/lang/bin/python3.12\\nprint(1)\\n
            #!pythonw\\nprint(1)\\n         | #!/var/lang/bin/python3.12\\nprint(1)\\n
            #!python -u\\r\\nprint(1)\\n    | #!/var/lang/bin/python3.12\\nprint(1)\\n
            #!python                        | #!/var/lang/bin/python3.12\\n
            #!/usr/bin/env python\\nx\\n    | #!/usr/bin/env python\\nx\\n
            print(1)\\n                     | print(1)\\n
            """)
    void rewritesOnlyPythonShebangsOfScripts(String script, String installed) throws IOException {
        InstallResult result = install(demo().file("demo-1.0.data/scripts/s", unescape(script)));

        assertEquals(unescape(installed), read("bin/s"));
        String record = read("demo-1.0.dist-info/RECORD");
        byte[] bytes = unescape(installed).getBytes(StandardCharsets.UTF_8);
        assertTrue(record.contains("bin/s,sha256=" + WheelBuilder.recordHash(bytes) + "," + bytes.length + "\n"),
                record);
        assertTrue(result.files().contains("bin/s"));
    }

    @Test
    void writesConsoleAndGuiScriptLaunchersFromEntryPoints() throws IOException {
        InstallResult result = install(demo().file("demo-1.0.dist-info/entry_points.txt", """
                [console_scripts]
                demo-cli = demo.cli:main
                demo-tool=demo:Tool.run [extra]

                [gui_scripts]
                demo-gui = demo.gui:start
                [demo.plugins]
                other = demo:plugin
                """));

        assertEquals("""
                #!/var/lang/bin/python3.12
                # -*- coding: utf-8 -*-
                import re
                import sys
                from demo.cli import main
                if __name__ == '__main__':
                    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
                    sys.exit(main())
                """, read("bin/demo-cli"));
        assertTrue(read("bin/demo-tool").contains("from demo import Tool\n"));
        assertTrue(read("bin/demo-tool").endsWith("    sys.exit(Tool.run())\n"));
        assertTrue(read("bin/demo-gui").contains("from demo.gui import start\n"));
        assertFalse(Files.exists(entry().resolve("bin/other")));
        for (String launcher : List.of("bin/demo-cli", "bin/demo-gui", "bin/demo-tool")) {
            assertTrue(result.files().contains(launcher), result.files().toString());
            assertTrue(Files.getPosixFilePermissions(entry().resolve(launcher))
                    .contains(PosixFilePermission.OTHERS_EXECUTE), launcher);
            byte[] bytes = Files.readAllBytes(entry().resolve(launcher));
            assertTrue(read("demo-1.0.dist-info/RECORD").contains(
                    launcher + ",sha256=" + WheelBuilder.recordHash(bytes) + "," + bytes.length + "\n"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            demo-cli = demo                 | 'demo' names no function; a script entry point needs module:function
            ../up = demo:main               | '../up' is not a script name (letters, digits, '_', '-', '.', '+')
            .. = demo:main                  | '..' is not a script name (letters, digits, '_', '-', '.', '+')
            demo-cli = demo:main:extra      | 'demo:main:extra' is not an object reference (module:function)
            demo-cli                        | expected 'name = module:function'
            """)
    void refusesScriptEntryPointsThatCannotBecomeLaunchersBeforeWriting(String line, String problem)
            throws IOException {
        WheelInstallException e = failure(demo().file("demo-1.0.dist-info/entry_points.txt",
                "[console_scripts]\n" + line + "\n"));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertEquals("demo-1.0-py3-none-any.whl: demo-1.0.dist-info/entry_points.txt declares scripts that cannot"
                + " be generated; nothing was written:\n  entry_points.txt line 2 '" + line + "': " + problem,
                e.getMessage());
        assertNothingWritten();
    }

    @Test
    void replacesADataScriptByTheLauncherOfTheSameNameAsPipDoes() throws IOException {
        InstallResult result = install(demo()
                .file("demo-1.0.data/scripts/demo-cli", "#!python\nprint('old')\n")
                .file("demo-1.0.dist-info/entry_points.txt", "[console_scripts]\ndemo-cli = demo:main\n"));

        assertTrue(read("bin/demo-cli").contains("from demo import main\n"));
        assertEquals(List.of("demo-1.0.data/scripts/demo-cli is replaced by the launcher entry_points.txt declares"
                + " for bin/demo-cli"), result.warnings());
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\r", "\r");
    }

    @Test
    void writesAFreshRecordRelativeToTheDestination() throws IOException {
        install(demo().file("demo-1.0.data/scripts/run", "#!python\n"));

        String init = WheelBuilder.recordHash("VALUE = 1\n".getBytes(StandardCharsets.UTF_8));
        String script = WheelBuilder.recordHash("#!/var/lang/bin/python3.12\n".getBytes(StandardCharsets.UTF_8));
        String installer = WheelBuilder.recordHash("smolsnake\n".getBytes(StandardCharsets.UTF_8));
        List<String> lines = read("demo-1.0.dist-info/RECORD").lines().toList();
        assertEquals("bin/run,sha256=" + script + ",27", lines.get(0));
        assertEquals("demo-1.0.dist-info/INSTALLER,sha256=" + installer + ",10", lines.get(1));
        assertEquals("demo-1.0.dist-info/RECORD,,", lines.get(3));
        assertEquals("demo/__init__.py,sha256=" + init + ",10", lines.get(5));
        assertEquals(6, lines.size());
    }

    @Test
    void rejectsWheelWhoseHashDiffersFromLock() throws IOException {
        Path wheel = demo().build(tmp);
        String actual = WheelBuilder.sha256(wheel);
        String expected = "0".repeat(64);

        WheelInstallException e = assertThrows(WheelInstallException.class,
                () -> WheelSource.open(wheel, ExpectedDigest.of(Files.size(wheel), expected)));

        assertEquals(Kind.HASH_MISMATCH, e.kind());
        assertEquals("""
                demo-1.0-py3-none-any.whl: the file's sha256 differs from the lock; nothing was installed
                  package:  demo
                  expected: sha256=%s
                  actual:   sha256=%s
                  the download is corrupt or the lock is stale: download it again or re-lock"""
                .formatted(expected, actual), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void rejectsTruncatedDownloadBeforeReadingTheArchive() throws IOException {
        Path wheel = demo().build(tmp);
        long size = Files.size(wheel);
        String sha256 = WheelBuilder.sha256(wheel);
        byte[] bytes = Files.readAllBytes(wheel);
        Files.write(wheel, java.util.Arrays.copyOf(bytes, bytes.length - 10));

        WheelInstallException e = assertThrows(WheelInstallException.class,
                () -> WheelSource.open(wheel, ExpectedDigest.of(size, sha256)));

        assertEquals(Kind.HASH_MISMATCH, e.kind());
        assertTrue(e.getMessage().startsWith("demo-1.0-py3-none-any.whl: the file's size and sha256 differ "
                + "from the lock (expected " + size + " bytes, got " + (size - 10) + " bytes)"), e.getMessage());
        assertTrue(e.getMessage().contains("expected: sha256=" + sha256), e.getMessage());
        assertNothingWritten();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ../evil.py           | '../evil.py' escapes the destination with '..'
            demo/../../evil.py   | 'demo/../../evil.py' escapes the destination with '..'
            /etc/evil.py         | '/etc/evil.py' is an absolute path
            C:/evil.py           | 'C:/evil.py' is an absolute path
            demo\\..\\evil.py    | 'demo\\..\\evil.py' contains a backslash or NUL character
            demo//evil.py        | 'demo//evil.py' has an empty or '.' path segment
            c:evil.py            | 'c:evil.py' is an absolute path
            ./evil.py            | './evil.py' has an empty or '.' path segment
            demo/./evil.py       | 'demo/./evil.py' has an empty or '.' path segment
            demo/..evil.py/..    | 'demo/..evil.py/..' escapes the destination with '..'
            """)
    void refusesPathsThatLeaveTheDestination(String path, String problem) throws IOException {
        WheelInstallException e = failure(demo().file(path, "import os\n"));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertEquals(List.of(problem.replace("\\\\", "\\")), e.problems());
        assertNothingWritten();
    }

    @Test
    void refusesSymlinkEntryThatLeavesTheDestination() throws IOException {
        WheelInstallException e = failure(demo().symlink("demo/etc", "../../../etc"));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertEquals(List.of("'demo/etc' is a symbolic link to '../../../etc', which leaves the destination"),
                e.problems());
        assertNothingWritten();
    }

    @Test
    void installsSymlinkEntryInsideTheDestinationAsARegularFileLikePip() throws IOException {
        install(demo().symlink("demo/alias.py", "__init__.py"));

        assertFalse(Files.isSymbolicLink(entry().resolve("demo/alias.py")));
        assertEquals("__init__.py", read("demo/alias.py"));
    }

    @Test
    void refusesToWriteThroughASymlinkInTheDestination() throws IOException {
        Destination destination = Destination.create(entry());
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.createSymbolicLink(entry().resolve("demo"), outside);

        Destination.UnsafePathException e = assertThrows(Destination.UnsafePathException.class,
                () -> destination.newFile("demo/x.py", false).close());

        assertEquals("demo is a symbolic link: writing through it could leave the destination", e.getMessage());
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void refusesDestinationThatIsNotEmpty() throws IOException {
        Files.createDirectories(entry());
        Files.writeString(entry().resolve("left-over"), "x");

        assertThrows(java.nio.file.DirectoryNotEmptyException.class, () -> Destination.create(entry()));
    }

    @Test
    void refusesDuplicateEntries() throws IOException {
        WheelInstallException e = failure(demo().file("demo/__init__.py", "VALUE = 2\n").record(
                "demo/__init__.py,,\ndemo-1.0.dist-info/RECORD,,\n"));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertEquals(List.of("'demo/__init__.py' appears more than once in the archive"), e.problems());
        assertNothingWritten();
    }

    @Test
    void refusesTwoMembersInstallingToTheSamePath() throws IOException {
        WheelInstallException e = failure(demo().file("demo-1.0.data/purelib/demo/__init__.py", "VALUE = 2\n"));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertEquals(List.of("'demo-1.0.data/purelib/demo/__init__.py' and 'demo/__init__.py' both install to "
                + "demo/__init__.py"), e.problems());
        assertNothingWritten();
    }

    @Test
    void reportsEveryRecordMismatchTogetherAndLeavesNothing() throws IOException {
        WheelInstallException e = failure(demo()
                .tampered("demo/a.py", "A = 1\n", "A = 666\n")
                .file("demo/b.py", "B = 1\n")
                .tampered("demo/c.py", "C = 1\n", "C = 666\n"));

        assertEquals(Kind.RECORD_MISMATCH, e.kind());
        String a = WheelBuilder.recordHash("A = 1\n".getBytes(StandardCharsets.UTF_8));
        String a2 = WheelBuilder.recordHash("A = 666\n".getBytes(StandardCharsets.UTF_8));
        String c = WheelBuilder.recordHash("C = 1\n".getBytes(StandardCharsets.UTF_8));
        String c2 = WheelBuilder.recordHash("C = 666\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(
                "demo/a.py: RECORD says sha256=" + a + ", content has sha256=" + a2,
                "demo/c.py: RECORD says sha256=" + c + ", content has sha256=" + c2), e.problems());
        assertTrue(e.getMessage().startsWith(
                "demo-1.0-py3-none-any.whl: 2 files differ from demo-1.0.dist-info/RECORD; nothing was installed"));
        assertNothingWritten();
    }

    /** A wheel with this many members across directories is written by several threads. */
    private static WheelBuilder manyMembers() {
        WheelBuilder builder = demo();
        for (int i = 0; i < WheelInstaller.MEMBERS_PER_THREAD * (WheelInstaller.MAX_THREADS + 1); i++) {
            builder.file("demo/data/d" + (i % 37) + "/m" + i + ".json", "{\"n\": " + i + "}\n");
        }
        return builder;
    }

    @Test
    void writesEveryMemberOfAWheelWithManyMembersAndRecordsEachOnce() throws IOException {
        InstallResult result = install(manyMembers());

        int members = WheelInstaller.MEMBERS_PER_THREAD * (WheelInstaller.MAX_THREADS + 1);
        for (int i = 0; i < members; i += 7) {
            assertEquals("{\"n\": " + i + "}\n", read("demo/data/d" + (i % 37) + "/m" + i + ".json"));
        }
        List<String> record = read("demo-1.0.dist-info/RECORD").lines().toList();
        // the members, demo/__init__.py, METADATA, WHEEL, INSTALLER and RECORD itself
        assertEquals(members + 5, record.size());
        assertEquals(record.stream().sorted().toList(), record);
        assertEquals(record.size(), result.files().size());
        String hash = WheelBuilder.recordHash("{\"n\": 5}\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(record.contains("demo/data/d5/m5.json,sha256=" + hash + ",9"));
    }

    @Test
    void reportsRecordMismatchesOfAWheelWithManyMembersInArchiveOrderAndLeavesNothing() throws IOException {
        WheelInstallException e = failure(manyMembers()
                .tampered("demo/z1.py", "A = 1\n", "A = 666\n")
                .tampered("demo/a2.py", "C = 1\n", "C = 666\n"));

        assertEquals(Kind.RECORD_MISMATCH, e.kind());
        assertEquals(2, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("demo/z1.py: RECORD says"), String.valueOf(e.problems()));
        assertTrue(e.problems().get(1).startsWith("demo/a2.py: RECORD says"), String.valueOf(e.problems()));
        assertNothingWritten();
    }

    /** Many members across directories, some of them modules: their bytecode is compiled while the rest is written. */
    private static WheelBuilder manyMembersAndModules() {
        WheelBuilder builder = manyMembers();
        for (int i = 0; i < 40; i++) {
            builder.file("demo/pkg" + (i % 3) + "/mod" + i + ".py", "N = " + i + "\n");
        }
        return builder.file("demo-1.0.data/data/share/extra.py", "E = 1\n");
    }

    @Test
    void compilesAWheelsModulesWhileItsOtherMembersAreWrittenToTheBytesOfCompilingAtTheEnd() throws IOException {
        Optional<Path> python = HostPython.executable();
        assumeTrue(python.isPresent(), "no python3 on this machine");
        InstallResult oneShot = install(manyMembersAndModules(), compiling(python.get(), false));
        Map<String, String> expected = tree(Files.move(entry(), tmp.resolve("one-shot")));

        InstallResult pooled = install(manyMembersAndModules(), compiling(python.get(), true));

        assertEquals(expected, tree(entry()));
        assertEquals(oneShot.files(), pooled.files());
        assertEquals(42, pooled.files().stream().filter(f -> f.endsWith(".pyc")).count(), "40 modules, extra.py, __init__");
    }

    @Test
    void waitsForTheEarlyCompileBeforeReportingAMismatchFoundAfterIt() throws IOException {
        Optional<Path> python = HostPython.executable();
        assumeTrue(python.isPresent(), "no python3 on this machine");

        WheelInstallException e = assertThrows(WheelInstallException.class, () -> install(manyMembersAndModules()
                .tampered("demo/zz/late.json", "{}\n", "{\"x\": 1}\n"), compiling(python.get(), true)));

        assertEquals(Kind.RECORD_MISMATCH, e.kind());
        assertEquals(1, e.problems().size(), String.valueOf(e.problems()));
        assertNothingWritten(); // the modules' bytecode included: the compile ended before the clean-up
    }

    @Test
    void reportsSizeMismatchWhenTheHashMatches() throws IOException {
        WheelInstallException e = failure(demo().wrongSize("demo/a.py", "A = 1\n", 99));

        assertEquals(Kind.RECORD_MISMATCH, e.kind());
        assertEquals(List.of("demo/a.py: RECORD says 99 bytes, content has 6 bytes"), e.problems());
        assertNothingWritten();
    }

    @Test
    void refusesFilesMissingFromRecordBeforeWriting() throws IOException {
        WheelInstallException e = failure(demo().unrecorded("demo/sneaky.py", "import os\n")
                .unrecorded("demo/other.py", ""));

        assertEquals(Kind.RECORD_MISMATCH, e.kind());
        assertEquals(List.of("demo/sneaky.py is not listed in RECORD", "demo/other.py is not listed in RECORD"),
                e.problems());
        assertNothingWritten();
    }

    @Test
    void refusesRecordLinesWithoutHashForInstalledFiles() throws IOException {
        WheelInstallException e = failure(demo().record("demo/__init__.py,,\n"));

        assertEquals(Kind.RECORD_MISMATCH, e.kind());
        assertTrue(e.problems().contains("demo/__init__.py has no hash in RECORD"), e.problems().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            demo/__init__.py,md5=abc,10                 | hash algorithm 'md5' is not allowed
            demo/__init__.py,sha256=abc                 | expected 3 fields (path,hash,size), found 2
            demo/__init__.py,sha256=abc,ten             | the size is not a number of bytes
            demo/__init__.py,abc,10                     | the hash is not 'algorithm=digest'
            """)
    void refusesMalformedRecord(String line, String problem) throws IOException {
        WheelInstallException e = failure(demo().record(line + "\n"));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertTrue(e.getMessage().contains("demo-1.0.dist-info/RECORD is malformed"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void refusesWheelWithoutRecord() throws IOException {
        WheelInstallException e = failure(demo().withoutRecord());

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertEquals("demo-1.0-py3-none-any.whl: demo-1.0.dist-info/RECORD is missing", e.getMessage());
    }

    @Test
    void refusesWheelWithoutWheelFile() throws IOException {
        WheelInstallException e = failure(demo().wheelFile(null));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertEquals("demo-1.0-py3-none-any.whl: demo-1.0.dist-info/WHEEL is missing", e.getMessage());
        assertNothingWritten();
    }

    @Test
    void refusesWheelVersionTwo() throws IOException {
        WheelInstallException e = failure(demo().wheelFile("Wheel-Version: 2.0\nRoot-Is-Purelib: true\n"));

        assertEquals(Kind.UNSUPPORTED, e.kind());
        assertEquals("demo-1.0-py3-none-any.whl: Wheel-Version 2.0 is not supported (this installer reads "
                + "version 1.x wheels); use an older wheel of demo or a newer smolsnake", e.getMessage());
        assertNothingWritten();
    }

    @Test
    void installsNewerMinorWheelVersionWithAWarning() throws IOException {
        InstallResult result = install(demo().wheelFile("Wheel-Version: 1.9\nRoot-Is-Purelib: true\n"));

        assertEquals(List.of("Wheel-Version 1.9 is newer than 1.0; installed as 1.0"), result.warnings());
        assertEquals("VALUE = 1\n", read("demo/__init__.py"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Root-Is-Purelib: true\n", "Wheel-Version: one\n", "Wheel-Version 1.0\n"})
    void refusesMalformedWheelFile(String content) throws IOException {
        WheelInstallException e = failure(demo().wheelFile(content));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertTrue(e.getMessage().startsWith("demo-1.0-py3-none-any.whl: demo-1.0.dist-info/WHEEL"),
                e.getMessage());
    }

    @Test
    void refusesDistInfoThatDoesNotMatchMetadata() throws IOException {
        WheelInstallException e = failure(demo().metadata("Metadata-Version: 2.1\nName: other\nVersion: 1.0\n"));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertEquals("demo-1.0-py3-none-any.whl: the directory demo-1.0.dist-info does not match METADATA's "
                + "Name 'other' and Version '1.0'", e.getMessage());
    }

    @Test
    void refusesUnknownDataScheme() throws IOException {
        WheelInstallException e = failure(demo().file("demo-1.0.data/config/x.cfg", "x"));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertEquals(List.of("demo-1.0.data/config/x.cfg: unknown scheme 'config' (expected purelib, platlib, "
                + "scripts, headers or data)"), e.problems());
    }

    @Test
    void refusesFileThatIsNotAZip() throws IOException {
        Path wheel = tmp.resolve("demo-1.0-py3-none-any.whl");
        Files.writeString(wheel, "<html>404 Not Found</html>");

        WheelInstallException e = assertThrows(WheelInstallException.class,
                () -> WheelSource.open(wheel, ExpectedDigest.sha256(WheelBuilder.sha256(wheel))));

        assertEquals(Kind.INVALID_WHEEL, e.kind());
        assertEquals("demo-1.0-py3-none-any.whl: not a valid zip archive: no end of central directory record: "
                + "not a zip archive", e.getMessage());
    }

    @ParameterizedTest(name = "pooled: {0}")
    @ValueSource(booleans = {false, true})
    void compilesEveryPyFileWithTheTargetPythonAndRecordsItAsPipDoes(boolean pooled) throws IOException {
        Optional<Path> python = HostPython.executable();
        assumeTrue(python.isPresent(), "no python3 on this machine");

        InstallResult result = install(demo().file("demo/sub/mod.py", "X = 1\n")
                        .file("top.py", "T = 1\n").file("demo-1.0.data/scripts/tool.py", "#!python\n"),
                compiling(python.get(), pooled));

        assertTrue(result.compiled());
        List<String> pyc = result.files().stream().filter(f -> f.endsWith(".pyc")).toList();
        assertEquals(4, pyc.size(), pyc.toString());
        assertTrue(pyc.stream().anyMatch(f -> f.startsWith("demo/sub/__pycache__/mod.")), pyc.toString());
        assertTrue(pyc.stream().anyMatch(f -> f.startsWith("__pycache__/top.")), pyc.toString());
        // pip compiles every .py file it installs, a script in bin/ included
        assertTrue(pyc.stream().anyMatch(f -> f.startsWith("bin/__pycache__/tool.")), pyc.toString());
        for (String file : pyc) {
            byte[] bytes = Files.readAllBytes(entry().resolve(file));
            assertEquals(0b01, bytes[4] & 0xff, file + " is not an unchecked-hash pyc (PEP 552 flags)");
            assertTrue(read("demo-1.0.dist-info/RECORD").contains(
                    file + ",sha256=" + WheelBuilder.recordHash(bytes) + "," + bytes.length + "\n"));
        }
    }

    @ParameterizedTest(name = "pooled: {0}")
    @ValueSource(booleans = {false, true})
    void reportsCompileErrorsAsWarningsAndStillInstalls(boolean pooled) throws IOException {
        Optional<Path> python = HostPython.executable();
        assumeTrue(python.isPresent(), "no python3 on this machine");

        InstallResult result = install(demo().file("demo/py2.py", "print 'hello'\n"),
                compiling(python.get(), pooled));

        assertTrue(result.compiled());
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).contains("py2.py"), result.warnings().get(0));
        assertTrue(result.files().stream().anyMatch(f -> f.startsWith("demo/__pycache__/__init__.")));
    }

    @ParameterizedTest(name = "pooled: {0}")
    @ValueSource(booleans = {false, true})
    void skipsBytecodeWhenTheInterpreterIsMissing(boolean pooled) throws IOException {
        InstallResult result = install(demo(),
                compiling(tmp.resolve("no-such-python"), pooled));

        assertFalse(result.compiled());
        assertTrue(result.files().stream().noneMatch(f -> f.endsWith(".pyc")));
    }

    @Test
    void classifiesAFullDiskAsNoSpace() {
        WheelInstallException e = WheelInstaller.failure("demo-1.0-py3-none-any.whl",
                new java.nio.file.FileSystemException("/store/x", null, "No space left on device"));

        assertEquals(Kind.NO_SPACE, e.kind());
    }
}
