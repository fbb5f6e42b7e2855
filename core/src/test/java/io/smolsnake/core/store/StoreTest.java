package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.HostTarget;
import io.smolsnake.pypackaging.tags.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreTest {
    static final Target PY312 = LambdaTarget.of("python3.12", "x86_64");

    @TempDir
    Path tmp;

    static StoreRequest request(Target target, Path wheel, String name, String version) throws IOException {
        return new StoreRequest(target, name, version, wheel, TestWheel.sha256(wheel), Files.size(wheel), false);
    }

    Path demoWheel() throws IOException {
        return TestWheel.wheel("demo", "1.0")
                .file("demo/__init__.py", "VALUE = 1\n")
                .file("demo/data.txt", "hello\n")
                .build(tmp.resolve("wheels"));
    }

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void installsWheelIntoEntryNamedByPlatformNameVersionAndHash() throws IOException {
        // given
        Path wheel = demoWheel();
        String sha256 = TestWheel.sha256(wheel);
        Store store = Store.open(tmp.resolve("efs"));

        // when
        StoreResult result = store.install(request(PY312, wheel, "Demo", "1.0"));

        // then
        Path expected = tmp.resolve("efs/store/python3.12-x86_64/demo/1.0/" + sha256.substring(0, 16));
        assertEquals(expected, result.path());
        assertFalse(result.cached());
        assertEquals(List.of(".smolsnake-entry.json", "demo", "demo-1.0.dist-info", "demo-1.0.dist-info/INSTALLER",
                "demo-1.0.dist-info/METADATA", "demo-1.0.dist-info/RECORD", "demo-1.0.dist-info/WHEEL",
                "demo/__init__.py", "demo/data.txt"), listing(expected));
        assertEquals(6, result.files());
        JsonNode marker = new ObjectMapper().readTree(expected.resolve(".smolsnake-entry.json").toFile());
        assertEquals("demo", marker.get("name").asText());
        assertEquals("1.0", marker.get("version").asText());
        assertEquals(sha256, marker.get("sha256").asText());
        assertEquals(6, marker.get("files").asInt());
        assertEquals(result.bytes(), marker.get("bytes").asLong());
        assertFalse(marker.get("compiled").asBoolean());
        assertTrue(store.isComplete(result.key()));
    }

    @Test
    void secondInstallOfTheSameWheelIsCachedAndWritesNothing() throws IOException {
        // given
        Path wheel = demoWheel();
        Store store = Store.open(tmp.resolve("efs"));
        StoreResult first = store.install(request(PY312, wheel, "demo", "1.0"));
        FileTime before = Files.getLastModifiedTime(first.path().resolve("demo/__init__.py"));
        Files.delete(wheel); // a cached entry does not even need the wheel

        // when
        StoreResult second = store.install(new StoreRequest(PY312, "demo", "1.0", wheel, first.key().sha256(), 0,
                false));

        // then
        assertTrue(second.cached());
        assertEquals(first.path(), second.path());
        assertEquals(first.files(), second.files());
        assertEquals(first.bytes(), second.bytes());
        assertEquals(before, Files.getLastModifiedTime(second.path().resolve("demo/__init__.py")));
    }

    @ParameterizedTest(name = "{0} {1} vs python3.12 x86_64")
    @CsvSource({"python3.12, arm64", "python3.13, x86_64", "python3.11, x86_64"})
    void otherRuntimesAndArchitecturesGetTheirOwnEntry(String runtime, String arch) throws IOException {
        Path wheel = demoWheel();
        Store store = Store.open(tmp.resolve("efs"));
        StoreResult ours = store.install(request(PY312, wheel, "demo", "1.0"));

        StoreResult theirs = store.install(request(LambdaTarget.of(runtime, arch), wheel, "demo", "1.0"));

        assertFalse(theirs.cached());
        assertEquals(runtime + "-" + arch, theirs.path().getParent().getParent().getParent().getFileName().toString());
        assertTrue(Files.isRegularFile(ours.path().resolve("demo/__init__.py")));
        assertTrue(Files.isRegularFile(theirs.path().resolve("demo/__init__.py")));
    }

    @Test
    void anotherBuildOfTheSameVersionGetsItsOwnEntry() throws IOException {
        Store store = Store.open(tmp.resolve("efs"));
        StoreResult one = store.install(request(PY312, demoWheel(), "demo", "1.0"));
        Path rebuilt = TestWheel.wheel("demo", "1.0").file("demo/__init__.py", "VALUE = 2\n")
                .build(tmp.resolve("rebuilt"));

        StoreResult two = store.install(request(PY312, rebuilt, "demo", "1.0"));

        assertFalse(two.cached());
        assertEquals(one.path().getParent(), two.path().getParent());
        assertEquals("VALUE = 1\n", Files.readString(one.path().resolve("demo/__init__.py")));
        assertEquals("VALUE = 2\n", Files.readString(two.path().resolve("demo/__init__.py")));
    }

    @Test
    void rejectsWheelWhoseHashDiffersFromTheLockAndLeavesNothing() throws IOException {
        Path wheel = demoWheel();
        Store store = Store.open(tmp.resolve("efs"));
        String wrong = "0".repeat(64);

        StoreException e = assertThrows(StoreException.class,
                () -> store.install(new StoreRequest(PY312, "demo", "1.0", wheel, wrong, -1, false)));

        assertEquals(StoreException.Kind.HASH_MISMATCH, e.kind());
        assertEquals("demo-1.0-py3-none-any.whl", e.subject());
        assertEquals(List.of(), listing(tmp.resolve("efs/store/python3.12-x86_64/demo/1.0")));
    }

    @Test
    void rejectsWheelWhoseMetadataDisagreesWithTheLock() throws IOException {
        Path wheel = TestWheel.wheel("demo", "1.1").file("demo/__init__.py", "").build(tmp.resolve("wheels"));
        Store store = Store.open(tmp.resolve("efs"));

        StoreException e = assertThrows(StoreException.class, () -> store.install(request(PY312, wheel, "demo", "1.0")));

        assertEquals(StoreException.Kind.METADATA_MISMATCH, e.kind());
        assertEquals("demo-1.1-py3-none-any.whl: the wheel's METADATA says demo 1.1, the lock says demo 1.0;"
                + " nothing was installed", e.getMessage());
        assertEquals(List.of(), listing(tmp.resolve("efs/store/python3.12-x86_64/demo/1.0")));
    }

    @Test
    void crashedInstallLeavesOnlyATemporaryThatOpeningTheStoreRemoves() throws IOException {
        // given: a worker died while unpacking (its temporary sibling is half full and an hour old)
        Path wheel = demoWheel();
        StoreKey key = request(PY312, wheel, "demo", "1.0").key();
        Path versionDir = tmp.resolve("efs/store/python3.12-x86_64/demo/1.0");
        Path crashed = versionDir.resolve(".tmp-3b0e4f7c-crashed");
        Files.createDirectories(crashed.resolve("demo"));
        Files.writeString(crashed.resolve("demo/__init__.py"), "VAL");
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path busy = Files.createDirectories(versionDir.resolve(".tmp-another-worker-busy"));

        // when
        Store store = Store.open(tmp.resolve("efs"), Duration.ofMinutes(30));

        // then: the crashed one is gone, the young one (a live worker's) stays, no entry looks complete
        assertFalse(Files.exists(crashed));
        assertTrue(Files.exists(busy));
        assertFalse(store.isComplete(key));
        StoreResult installed = store.install(request(PY312, wheel, "demo", "1.0"));
        assertFalse(installed.cached());
        assertEquals(1, store.cleanTemporaries(Duration.ZERO));
        assertEquals(List.of(installed.path().getFileName().toString()),
                listing(versionDir).stream().filter(p -> !p.contains("/")).toList());
    }

    @Test
    void losingThePublishingRenameDiscardsTheTemporary() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("parent"));
        Path winner = Files.createDirectories(parent.resolve("entry"));
        Files.writeString(winner.resolve("a.py"), "winner\n");
        Path loser = FileTrees.newTemporary(parent);
        Files.writeString(loser.resolve("a.py"), "loser\n");

        boolean published = FileTrees.publish(loser, winner);

        assertFalse(published);
        assertEquals(List.of("entry", "entry/a.py"), listing(parent));
        assertEquals("winner\n", Files.readString(winner.resolve("a.py")));
    }

    @Test
    void hostTargetCompilesBytecodeWithTheHostPython() throws IOException {
        Target host = Target.host();
        Path wheel = demoWheel();
        Store store = Store.open(tmp.resolve("efs"));

        StoreResult result = store.install(new StoreRequest(host, "demo", "1.0", wheel, TestWheel.sha256(wheel),
                Files.size(wheel), true));

        assertTrue(result.compiled());
        assertTrue(result.path().toString().contains("/store/host-python" + host.python() + "-"));
        try (Stream<Path> pyc = Files.list(result.path().resolve("demo/__pycache__"))) {
            assertEquals(1, pyc.filter(p -> p.toString().endsWith(".pyc")).count());
        }
    }

    @Test
    void lambdaTargetWithoutItsPythonOnPathIsInstalledWithoutBytecodeAndSaysSo() throws IOException {
        Path wheel = demoWheel();
        Store store = new Store(tmp.resolve("efs"), new Interpreters(tmp.resolve("empty-path").toString()));

        StoreResult result = store.install(new StoreRequest(PY312, "demo", "1.0", wheel, TestWheel.sha256(wheel),
                Files.size(wheel), true));

        assertFalse(result.compiled());
        assertEquals(List.of("no local python3.12 was found on PATH to compile bytecode; the entry holds none"),
                result.warnings());
    }

    /** A shim on PATH for the host's python version, counting its calls in {@code calls}, then running the real one. */
    private Path shimFor(HostTarget host, Path calls) throws IOException {
        String real = new String(new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                .start().getInputStream().readAllBytes()).strip();
        Path bin = Files.createDirectories(tmp.resolve("shims"));
        Path shim = bin.resolve("python" + host.python());
        Files.writeString(shim, "#!/bin/sh\necho called >> '" + calls + "'\nexec '" + real + "' \"$@\"\n");
        shim.toFile().setExecutable(true);
        return bin;
    }

    private void installTwoCompiled(Store store, Target target) throws IOException {
        for (String version : List.of("1.0", "2.0")) {
            Path wheel = TestWheel.wheel("demo", version).file("demo/__init__.py", "X = 1\n")
                    .build(tmp.resolve("wheels-" + version));
            StoreResult result = store.install(new StoreRequest(target, "demo", version, wheel,
                    TestWheel.sha256(wheel), Files.size(wheel), true));
            assertTrue(result.compiled(), version);
        }
    }

    @Test
    void compilesEveryWheelWithTheRealInterpreterBehindAShimWhichRunsOnce() throws Exception {
        HostTarget host = new HostTarget(Target.host().facts()); // its executable not known
        Path calls = tmp.resolve("shim-calls");
        Store store = new Store(tmp.resolve("efs"), new Interpreters(shimFor(host, calls).toString()));

        installTwoCompiled(store, host);

        assertEquals(List.of("called"), Files.readAllLines(calls), "the shim runs for the version check only");
    }

    @Test
    void compilesAHostInstallWithTheExecutableItsProbeNamedWithoutRunningTheShim() throws Exception {
        HostTarget host = Target.host();
        assertTrue(host.executable().isPresent(), "the probe names sys.executable");
        Path calls = tmp.resolve("shim-calls");
        Store store = new Store(tmp.resolve("efs"), new Interpreters(shimFor(host, calls).toString()));

        installTwoCompiled(store, host);

        assertFalse(Files.exists(calls), "the shim never ran");
    }
}
