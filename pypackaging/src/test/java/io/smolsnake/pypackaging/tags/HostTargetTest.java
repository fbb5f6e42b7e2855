package io.smolsnake.pypackaging.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTargetTest {
    @Test
    void acceptsExactlyWhatPackagingSysTagsAcceptsOnThisMachine() {
        List<String> expected = PythonProcess.linesWithPackaging(
                "from packaging.tags import sys_tags\nfor tag in sys_tags(): print(tag)");

        HostTarget host = Target.host();

        assertEquals(expected, host.supportedTags().tags().stream().map(Tag::toString).toList());
    }

    @Test
    void reportsTheMarkerEnvironmentPackagingReports() {
        List<String> expected = PythonProcess.linesWithPackaging("""
                from packaging.markers import default_environment
                for key, value in default_environment().items(): print(key + '=' + value)
                """);

        Map<String, String> env = Target.host().markerEnvironment();

        assertEquals(expected, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @Test
    void linuxHostAcceptsManylinuxMusllinuxAndPlainLinuxInPackagingsOrder() {
        HostTarget host = new HostTarget(facts("Linux", "linux-x86_64", Optional.empty(),
                Optional.of(LibcVersion.of(1, 2))));

        assertEquals(List.of("musllinux_1_2_x86_64", "musllinux_1_1_x86_64", "musllinux_1_0_x86_64", "linux_x86_64"),
                host.platforms());
        assertEquals(Tag.of("cp311", "cp311", "musllinux_1_2_x86_64"), host.supportedTags().tags().get(0));
    }

    @Test
    void thirtyTwoBitInterpreterOnArm64UsesArmv8lThenArmv7l() {
        InterpreterFacts f = facts("Linux", "linux-aarch64", Optional.of(LibcVersion.of(2, 17)), Optional.empty());
        HostTarget host = new HostTarget(new InterpreterFacts(f.implementationName(), f.python(), f.pyVersionNodot(),
                f.system(), f.sysconfigPlatform(), true, f.extSuffix(), false, false, false, false, f.glibc(),
                f.musl(), false, true, "", "", f.markerEnvironment()));

        assertEquals(List.of("manylinux_2_17_armv8l", "manylinux2014_armv8l", "manylinux_2_17_armv7l",
                "manylinux2014_armv7l", "linux_armv8l", "linux_armv7l"), host.platforms());
    }

    @Test
    void macHostUsesMacPlatforms() {
        HostTarget host = new HostTarget(new InterpreterFacts("cpython", PythonVersion.of(3, 12), "312", "Darwin",
                "macosx-11.0-arm64", false, ".cpython-312-darwin.so", false, false, false, false, Optional.empty(),
                Optional.empty(), false, false, "14.5", "arm64", Map.of()));

        assertEquals(Platforms.macPlatforms(14, 5, "arm64"), host.platforms());
        assertEquals("macosx_14_0_arm64", host.platforms().get(0));
    }

    @Test
    void pypyHostUsesGenericTagsWithItsSoabi() {
        HostTarget host = new HostTarget(new InterpreterFacts("pypy", PythonVersion.of(3, 10), "310", "Linux",
                "linux-x86_64", false, ".pypy310-pp73-x86_64-linux-gnu.so", false, false, false, false,
                Optional.empty(), Optional.empty(), false, false, "", "", Map.of()));

        List<Tag> tags = host.supportedTags().tags();
        assertEquals(List.of(Tag.of("pp310", "pypy310_pp73", "linux_x86_64"), Tag.of("pp310", "none", "linux_x86_64"),
                Tag.of("py310", "none", "linux_x86_64")), tags.subList(0, 3));
        assertTrue(tags.contains(Tag.of("pp3", "none", "any")));
    }

    @Test
    void remembersTheLastAnswerAsAGuessForNextTime(@TempDir Path cache) throws Exception {
        assertTrue(HostTarget.lastAnswer("python3", cache).isEmpty());

        HostTarget probed = HostTarget.probe("python3", cache);

        assertEquals(Optional.of(probed), HostTarget.lastAnswer("python3", cache));
        assertTrue(HostTarget.lastAnswer("python3.11", cache).isEmpty(), "another interpreter name, no guess");
        try (Stream<Path> files = Files.walk(cache)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> cache.relativize(p).toString())
                    .map(n -> n.startsWith("host-python/") && n.endsWith(".json") ? "host-python/<answer>.json" : n)
                    .sorted().toList();
            assertEquals(List.of("host-probe.py", "host-python/<answer>.json"), names,
                    "one answer and the launcher's probe script, no temporary file left");
        }
        assertTrue(Files.readString(cache.resolve("host-probe.py")).startsWith("print('smolsnake-host-probe "),
                "the launcher's copy of the probe names its version first");
    }

    @Test
    void guessesNothingFromADamagedMemory(@TempDir Path cache) throws Exception {
        HostTarget.probe("python3", cache);
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(f, "{\"python\": ");
            }
        }

        assertTrue(HostTarget.lastAnswer("python3", cache).isEmpty());
    }

    @Test
    void explainsAMissingInterpreter() {
        HostProbeException e = assertThrows(HostProbeException.class,
                () -> HostTarget.probe("/nonexistent/smolsnake-python3"));

        assertTrue(e.getMessage().startsWith("Cannot run '/nonexistent/smolsnake-python3' to read the host's Python"
                + " facts: "), e.getMessage());
    }

    @Test
    void rejectsAnAnswerThatIsNotFacts() {
        HostProbeException e = assertThrows(HostProbeException.class, () -> HostProbe.target("{\"python\": \"x\"}"));

        assertTrue(e.getMessage().startsWith("The host's python3 answered incomplete facts"), e.getMessage());
    }

    @Test
    void namesTheInterpretersOwnExecutableWhichEqualityIgnores() throws Exception {
        String real = PythonProcess.linesWithPackaging("import sys\nprint(sys.executable)").get(0);

        HostTarget host = HostTarget.probe("python3");

        assertEquals(Optional.of(Path.of(real)), host.executable());
        assertEquals(new HostTarget(host.facts()), host);
        assertEquals(new HostTarget(host.facts()).hashCode(), host.hashCode());
    }

    private static InterpreterFacts facts(String system, String platform, Optional<LibcVersion> glibc,
            Optional<LibcVersion> musl) {
        return new InterpreterFacts("cpython", PythonVersion.of(3, 11), "311", system, platform, false,
                ".cpython-311-x86_64-linux-gnu.so", false, false, true, true, glibc, musl, false, false, "", "",
                new LinkedHashMap<>());
    }
}
