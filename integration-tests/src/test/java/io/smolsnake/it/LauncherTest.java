package io.smolsnake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/smolsnake, the launcher a user runs: its start-up archives must never change what a command prints. */
class LauncherTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = REPO.resolve("bin/smolsnake");
    private static final Path JAR = REPO.resolve("cli/target/smolsnake.jar");
    private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path cds;
    @TempDir
    Path work;

    record Result(int exit, String out, String err) {}

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList());
        pb.environment().put("SMOLSNAKE_CDS_DIR", cds.toString());
        pb.environment().remove("SMOLSNAKE_NO_CDS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "bin/smolsnake " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<String> archives() throws IOException {
        try (Stream<Path> files = Files.list(cds)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("smolsnake-")).sorted().toList();
        }
    }

    @Test
    void keepsOneArchivePerCommandAndPrintsTheSameWithIt() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "the CLI jar is built by cli's package phase");

        Result help = run(Map.of(), "tags", "--help");
        assertEquals(List.of(), archives(), "a --help run is not what a command loads: no archive from it");
        Result first = run(Map.of(), "tags", "--runtime", "python3.12", "--arch", "arm64");
        Result second = run(Map.of(), "tags", "--runtime", "python3.12", "--arch", "arm64");
        Result other = run(Map.of(), "invoke");

        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("cp312-cp312-manylinux_2_34_aarch64\n"), first.out());
        assertEquals(first, second);
        assertEquals("", second.err());
        List<String> names = archives();
        assertEquals(1, names.size(), "a usage error leaves no archive either: " + names);
        assertTrue(names.get(0).startsWith("smolsnake-tags-") && names.get(0).endsWith(".jsa"), names.toString());
        assertEquals(0, help.exit());
        assertEquals(2, other.exit(), other.err());
    }

    @Test
    void keepsAnAheadOfTimeCacheOnJava25WithoutAWordOnStdout() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "the CLI jar is built by cli's package phase");
        assumeTrue(Files.isExecutable(JAVA_25), "no Java 25 at " + JAVA_25);
        Map<String, String> env = Map.of("JAVA", JAVA_25.toString());

        Result first = run(env, "tags", "--runtime", "python3.13");
        for (int i = 0; i < 600 && archives().isEmpty(); i++) {
            Thread.sleep(100); // assembled in the background after the first run
        }
        Result second = run(env, "tags", "--runtime", "python3.13");

        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("cp313-cp313-manylinux_2_34_x86_64\n"), first.out());
        assertEquals(first, second);
        List<String> names = archives();
        assertEquals(1, names.size(), names.toString());
        assertTrue(names.get(0).startsWith("smolsnake-tags-") && names.get(0).endsWith(".aot"), names.toString());
    }

    @Test
    void asksPython3ForTheHostWhileTheJvmStartsAndTheCliUsesThatAnswerInsteadOfAskingAgain() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "the CLI jar is built by cli's package phase");
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path calls = work.resolve("calls.log");
        Path project = Files.createDirectories(work.resolve("project"));
        Files.writeString(project.resolve("requirements.txt"), "# nothing to lock\n");
        // python3 as the launcher and the CLI find it: logs how it was asked, then runs the real one
        String real = System.getenv().getOrDefault("PATH", "");
        Path python3 = bin.resolve("python3");
        Files.writeString(python3, "#!/bin/sh\n"
                + "case \"$3\" in -c) echo cli >> '" + calls + "' ;; *) echo launcher >> '" + calls + "' ;; esac\n"
                + "PATH='" + real + "' exec python3 \"$@\"\n");
        python3.toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", bin + ":" + real, "XDG_CACHE_HOME", work.resolve("cache").toString());
        String out = work.resolve("pylock.toml").toString();

        Result first = run(env, "lock", project.toString(), "--no-index", "-o", out);
        assertEquals(0, first.exit(), first.err());
        assertEquals(List.of("cli"), Files.readAllLines(calls), "no probe script in the cache yet: the CLI asks");
        assertTrue(Files.isRegularFile(work.resolve("cache/smolsnake/host-probe.py")), "the CLI leaves its probe script");
        String lock = Files.readString(Path.of(out));

        Files.delete(calls);
        Result second = run(env, "lock", project.toString(), "--no-index", "-o", out);
        assertEquals(0, second.exit(), second.err());
        assertEquals(List.of("launcher"), Files.readAllLines(calls), "asked once, by the launcher");
        assertEquals(lock, Files.readString(Path.of(out)));

        Files.delete(calls);
        Result lambda = run(env, "lock", project.toString(), "--no-index", "--runtime", "python3.12", "-o", out);
        assertEquals(0, lambda.exit(), lambda.err());
        assertTrue(Files.notExists(calls), "a Lambda target needs no host probe");

        // a probe script from another version of the CLI: its answer is not taken, the CLI asks itself
        Path script = work.resolve("cache/smolsnake/host-probe.py");
        Files.writeString(script, Files.readString(script).replaceFirst("smolsnake-host-probe [0-9a-f]+", "smolsnake-host-probe 0"));
        Files.writeString(script, "# another version\n" + Files.readString(script));
        Result stale = run(env, "lock", project.toString(), "--no-index", "-o", out);
        assertEquals(0, stale.exit(), stale.err());
        assertEquals(List.of("launcher", "cli"), Files.readAllLines(calls).stream().sorted(java.util.Comparator.reverseOrder()).toList());
        assertEquals(lock, Files.readString(Path.of(out)));
    }

    @Test
    void recordsTheArchiveAgainWhenTheJarIsNewerThanIt() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "the CLI jar is built by cli's package phase");
        Result first = run(Map.of(), "tags", "--runtime", "python3.12");
        Path archive = cds.resolve(archives().get(0));
        // as if the jar had been rebuilt since: the archive is older than it
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(JAR).toMillis() - 60_000));
        long stale = Files.getLastModifiedTime(archive).toMillis();

        Result second = run(Map.of(), "tags", "--runtime", "python3.12");

        assertEquals(first, second);
        assertEquals(List.of(archive.getFileName().toString()), archives(), "the same name, made again");
        assertTrue(Files.getLastModifiedTime(archive).toMillis() > stale, "recorded again, not used stale");
    }

    @Test
    void anArchiveIsRecordedWithEveryClassOfTheCommandsPackages() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "the CLI jar is built by cli's package phase");
        // tags never touches the resolution memo; recording its archive loads it all the same
        String memo = "io.smolsnake.pypackaging.locker.ResolutionMemo ";
        assertTrue(!loadedClasses(List.of()).contains(memo), "tags alone does not load the memo");
        assertTrue(loadedClasses(List.of("-Dsmolsnake.cds.record=tags")).contains(memo),
                "recording tags' archive loads its packages whole");
    }

    /** The class-load log of {@code smolsnake tags} run by java directly, with {@code options}. */
    private String loadedClasses(List<String> options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:class+load=info"));
        command.addAll(options);
        command.addAll(List.of("-cp", JAR.toString(), "io.smolsnake.cli.Main", "tags", "--runtime", "python3.12"));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
