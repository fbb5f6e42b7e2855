package io.smolsnake.pypackaging.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BytecodeCompilersTest {
    private static final List<String> TARGETS = List.of("packaging", "broken.py", "top.py");

    @TempDir
    Path tmp;

    private Path python;

    @BeforeEach
    void hostPython() {
        Optional<Path> found = HostPython.executable();
        assumeTrue(found.isPresent(), "no python3 on this machine");
        python = found.get();
    }

    /** A copy of the packaging wheel's modules, a module with a syntax error and a top-level module. */
    private Path modules(String name) throws IOException {
        Optional<Path> packaging = HostPython.packagingSources();
        assumeTrue(packaging.isPresent(), "the host's python3 has no packaging installed");
        Path root = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.walk(packaging.get())) {
            for (Path file : files.filter(f -> !f.toString().contains("__pycache__")).toList()) {
                Path copy = root.resolve("packaging").resolve(packaging.get().relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.writeString(root.resolve("broken.py"), "print 'hello'\n");
        Files.writeString(root.resolve("top.py"), "T = 'ünïcode'\n");
        return root;
    }

    /**
     * Before 3.11 marshal writes a frozenset of strings in hash order, which changes from one
     * process to the next (PYTHONHASHSEED): not even two one-shot runs write the same bytes.
     */
    private static void assumeReproducibleBytecode() {
        String version = HostPython.majorMinor().orElseThrow();
        assumeTrue(Integer.parseInt(version.substring(version.indexOf('.') + 1)) >= 11,
                "python " + version + " does not write reproducible bytecode");
    }

    @Test
    void compilesTheSameBytecodeAndWarningAsTheOneShotCommand() throws Exception {
        assumeReproducibleBytecode();
        Path once = modules("one-shot");
        Path pooled = modules("pooled");

        Optional<String> expected = Bytecode.compile(python, once, TARGETS);
        Optional<String> actual;
        try (BytecodeCompilers compilers = new BytecodeCompilers()) {
            actual = compilers.compile(python, pooled, TARGETS);
        }

        assertTrue(expected.isPresent() && expected.get().contains("broken.py"), expected.toString());
        assertEquals(expected, actual);
        Map<String, String> expectedTree = tree(once);
        List<String> pyc = expectedTree.keySet().stream().filter(f -> f.endsWith(".pyc")).toList();
        assertTrue(pyc.size() > 10, pyc.toString());
        assertTrue(pyc.stream().noneMatch(f -> f.contains("broken.")), pyc.toString());
        assertEquals(expectedTree, tree(pooled));
    }

    @Test
    void compilesAWheelsModulesSpreadOverSeveralCompilersToTheSameBytecode() throws Exception {
        assumeReproducibleBytecode();
        Path once = modules("one-shot");
        Path spread = modules("spread");
        for (Path root : List.of(once, spread)) {
            Path many = Files.createDirectories(root.resolve("many/sub"));
            for (int i = 0; i < BytecodeCompilers.FILES_PER_REQUEST * 2 + 7; i++) {
                Files.writeString(many.resolve("m" + i + ".py"), "X = " + i + "\n");
            }
        }
        List<String> files;
        try (Stream<Path> walk = Files.walk(spread)) {
            files = walk.filter(f -> f.toString().endsWith(".py")).map(f -> spread.relativize(f).toString()).sorted()
                    .toList();
        }

        Optional<String> expected = Bytecode.compile(python, once, List.of("packaging", "broken.py", "top.py", "many"));
        Optional<String> actual;
        try (BytecodeCompilers compilers = new BytecodeCompilers(2, BytecodeCompilers.DEFAULT_REQUEST_TIMEOUT,
                BytecodeCompilers.DEFAULT_IDLE_EXIT)) {
            actual = compilers.compileFiles(python, spread, files);
        }

        assertEquals(expected.isPresent(), actual.isPresent());
        assertTrue(actual.orElseThrow().contains("broken.py"), actual.toString());
        assertEquals(tree(once), tree(spread));
    }

    @Test
    void compilesManyWheelsInOneProcessAndEndsItWhenClosed() throws Exception {
        BytecodeCompilers compilers = new BytecodeCompilers();
        try (compilers) {
            for (String name : List.of("a", "b", "c")) {
                Path root = Files.createDirectories(tmp.resolve(name));
                Files.writeString(root.resolve(name + ".py"), "X = 1\n");

                assertEquals(Optional.empty(), compilers.compile(python, root, List.of(name + ".py")));
                assertTrue(Files.exists(root.resolve("__pycache__")), name);
            }
            assertEquals(1, compilers.running());
        }

        assertEquals(0, compilers.running());
        assertEquals(List.of(), liveChildren());
    }

    @Test
    void prestartedCompilersAreTheOnesThatCompileAndEndWhenClosed() throws Exception {
        BytecodeCompilers compilers = new BytecodeCompilers(2, Duration.ofMinutes(1), Duration.ofMinutes(1));
        try (compilers) {
            compilers.prestart(python, 1);
            assertEquals(1, compilers.running());
            compilers.prestart(python, 5); // no more than may run
            assertEquals(2, compilers.running());

            for (String name : List.of("a", "b", "c")) {
                Path root = Files.createDirectories(tmp.resolve(name));
                Files.writeString(root.resolve(name + ".py"), "X = 1\n");
                assertEquals(Optional.empty(), compilers.compile(python, root, List.of(name + ".py")));
                assertEquals(1, tree(root).keySet().stream().filter(f -> f.endsWith(".pyc")).count(), name);
            }
            assertEquals(2, compilers.running(), "no process started beside the prestarted ones");
        }

        assertEquals(0, compilers.running());
        assertEquals(List.of(), liveChildren());
    }

    @Test
    void prestartsNothingOnceClosed() {
        BytecodeCompilers compilers = new BytecodeCompilers();
        compilers.close();

        compilers.prestart(python, 2);

        assertEquals(0, compilers.running());
    }

    @Test
    void startsAtMostTheGivenNumberOfProcessesForInstallsAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try (BytecodeCompilers compilers = new BytecodeCompilers(2, Duration.ofMinutes(1), Duration.ofMinutes(1))) {
            List<Future<Optional<String>>> results = new ArrayList<>();
            List<Path> roots = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Path root = Files.createDirectories(tmp.resolve("w" + i));
                Files.writeString(root.resolve("m.py"), "X = " + i + "\n");
                roots.add(root);
                results.add(threads.submit(() -> compilers.compile(python, root, List.of("m.py"))));
            }
            for (Future<Optional<String>> result : results) {
                assertEquals(Optional.empty(), result.get());
            }

            assertTrue(compilers.running() <= 2, "running " + compilers.running());
            for (Path root : roots) {
                assertEquals(1, tree(root).keySet().stream().filter(f -> f.endsWith(".pyc")).count(), root.toString());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void compilesWithTheOneShotCommandWhenTheCompilerDiesMidRequest() throws Exception {
        // the server reads the request and exits without answering; compileall itself is real
        Path dying = fakePython("read request; exit 3");
        Path once = modules("one-shot");
        Path pooled = modules("pooled");

        try (BytecodeCompilers compilers = new BytecodeCompilers()) {
            Optional<String> warning = compilers.compile(dying, pooled, TARGETS);

            assertEquals(Bytecode.compile(dying, once, TARGETS), warning);
            assertEquals(tree(once), tree(pooled));
            // a server that never answered is not started again for this interpreter
            Path next = Files.createDirectories(tmp.resolve("next"));
            Files.writeString(next.resolve("n.py"), "N = 1\n");
            assertEquals(Optional.empty(), compilers.compile(dying, next, List.of("n.py")));
            assertEquals(0, compilers.running());
        }
    }

    @Test
    void stopsACompilerThatNeverAnswersAndCompilesWithTheOneShotCommand() throws Exception {
        Path silent = fakePython("read request; exec sleep 600");
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("m.py"), "X = 1\n");

        try (BytecodeCompilers compilers = new BytecodeCompilers(1, Duration.ofMillis(300), Duration.ofMinutes(1))) {
            assertEquals(Optional.empty(), compilers.compile(silent, root, List.of("m.py")));
        }

        assertEquals(1, tree(root).keySet().stream().filter(f -> f.endsWith(".pyc")).count());
        assertEquals(List.of(), liveChildren());
    }

    @Test
    void compilesWithTheOneShotCommandOnceClosed() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("m.py"), "X = (\n");
        BytecodeCompilers compilers = new BytecodeCompilers();
        compilers.close();

        Optional<String> warning = compilers.compile(python, root, List.of("m.py"));

        assertTrue(warning.isPresent() && warning.get().startsWith("bytecode compilation with " + python
                + " reported errors (exit 1); modules that failed to compile are installed without bytecode:\n"
                + "*** Error compiling 'm.py'..."), warning.toString());
        assertEquals(0, compilers.running());
    }

    @Test
    void escapesPathsInRequestsAsJson() {
        assertEquals("{\"root\": \"/a \\\"b\\\"\\\\c\", \"targets\": [\"x\\u000ay\", \"ü.py\"]}\n",
                CompilerProcess.request(Path.of("/a \"b\"\\c"), List.of("x\ny", "ü.py")));
    }

    /**
     * A "python" that runs {@code server} (shell) in place of the compiling server ({@code python -I -S
     * -c ...}) and is the real one otherwise.
     */
    private Path fakePython(String server) throws IOException {
        Path fake = tmp.resolve("bin/python");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "#!/bin/sh\nif [ \"$3\" = \"-c\" ]; then " + server + "; fi\nexec " + python
                + " \"$@\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }

    private static List<ProcessHandle> liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
    }

    /** Every file below {@code root}: its relative path and the sha256 of its bytes. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                tree.put(root.relativize(file).toString(),
                        HexFormat.of().formatHex(Digests.sha256().digest(Files.readAllBytes(file))));
            }
        }
        return tree;
    }
}
