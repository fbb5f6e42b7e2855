package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.pypackaging.lock.Lock;
import io.smolsnake.pypackaging.wheel.WheelBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path wheels;
    private Path project;

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @BeforeEach
    void wheelsAndProject() throws IOException {
        wheels = Files.createDirectories(tmp.resolve("wheels"));
        project = Files.createDirectories(tmp.resolve("project"));
        WheelBuilder.wheel("greeter", "1.2").metadata("Metadata-Version: 2.1\nName: greeter\nVersion: 1.2\n"
                + "Requires-Dist: colours>=2\n").file("greeter/__init__.py", "").build(wheels);
        WheelBuilder.wheel("colours", "2.0").metadata("Metadata-Version: 2.1\nName: colours\nVersion: 2.0\n")
                .file("colours/__init__.py", "").build(wheels);
    }

    private String[] offline(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--no-index";
        all[args.length + 1] = "--no-pip-config";
        all[args.length + 2] = "--find-links";
        all[args.length + 3] = wheels.toString();
        return all;
    }

    @Test
    void writesPylockTomlForTheProjectsRuntimeAndSummarisesOnStderr() throws IOException {
        Files.writeString(project.resolve("pyproject.toml"), """
                [project]
                name = "demo"
                version = "0"
                dependencies = ["greeter"]

                [tool.smolsnake]
                runtime = "python3.12"
                arch = "arm64"
                """);

        int exit = run(offline("lock", project.toString()));

        assertEquals(0, exit, err.toString());
        assertEquals("", out.toString(), "results go to the file, nothing to stdout");
        Lock lock = Lock.read(project.resolve("pylock.toml"));
        assertEquals(2, lock.packages().size());
        assertEquals("python3.12", lock.target().orElseThrow().runtime());
        assertEquals("arm64", lock.target().orElseThrow().arch());
        assertTrue(err.toString().contains("Locked 2 packages for python3.12 (arm64, Amazon Linux 2023, glibc 2.34)"),
                err.toString());
    }

    @Test
    void printsTheLockOnStdoutWithDashOutputAndTheFlagsWinOverPyproject() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "greeter==1.2\n");

        int exit = run(offline("lock", project.toString(), "--runtime", "python3.9", "-o", "-"));

        assertEquals(0, exit, err.toString());
        Lock lock = Lock.parse(out.toString(), "stdout");
        assertEquals("python3.9", lock.target().orElseThrow().runtime());
        assertEquals("x86_64", lock.target().orElseThrow().arch());
    }

    @Test
    void exitsOneAndExplainsWhenNoVersionFits() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "colours>=3\n");

        int exit = run(offline("lock", project.toString(), "--runtime", "python3.12"));

        assertEquals(1, exit);
        assertTrue(err.toString().contains("error: no set of versions fits python3.12"), err.toString());
        assertTrue(err.toString().contains("the project depends on colours >=3"), err.toString());
        assertTrue(Files.notExists(project.resolve("pylock.toml")), "nothing is written on failure");
    }

    @Test
    void exitsTwoWithFileLineAndCaretForABadRequirement() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "greeter\ncolours >= 2 ;\n");

        int exit = run(offline("lock", project.toString(), "--runtime", "python3.12"));

        assertEquals(2, exit);
        assertTrue(err.toString().contains("requirements.txt:2:"), err.toString());
        assertTrue(err.toString().contains("^"), err.toString());
    }

    @Test
    void exitsTwoForAnUnknownRuntime() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "greeter\n");

        int exit = run(offline("lock", project.toString(), "--runtime", "python2.7"));

        assertEquals(2, exit);
        assertTrue(err.toString().startsWith("error: Unknown Lambda runtime 'python2.7'"), err.toString());
    }

    @Test
    void locksRealWheelsFromTheConfiguredIndex() throws IOException {
        PipConfig pip = PipConfig.load();
        Assumptions.assumeTrue(pip.indexUrl().isPresent() || !pip.extraIndexUrls().isEmpty()
                || !pip.findLinks().isEmpty(), "no package index is configured for pip on this machine");
        Files.writeString(project.resolve("requirements.txt"), "python-dateutil\n");

        int exit = run("lock", project.toString(), "--runtime", "python3.11", "-o", "-");

        assertEquals(0, exit, err.toString());
        Lock lock = Lock.parse(out.toString(), "stdout");
        assertEquals("[python-dateutil, six]", lock.packages().stream().map(p -> p.name().toString()).toList()
                .toString());
    }

    @Test
    void aCurrentLockIsLeftAsItIsWithoutAskingTheIndex() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "greeter\n");
        assertEquals(0, run(offline("lock", project.toString(), "--runtime", "python3.12")), err.toString());
        byte[] first = Files.readAllBytes(project.resolve("pylock.toml"));
        err.getBuffer().setLength(0);

        int exit = run("lock", project.toString(), "--runtime", "python3.12");

        assertEquals(0, exit, err.toString());
        assertTrue(err.toString().contains("pylock.toml is up to date"), err.toString());
        assertEquals(new String(first), Files.readString(project.resolve("pylock.toml")));
    }

    @Test
    void theSameInputsLockedAgainSayTheResolutionWasReusedUnlessRefreshIsGiven() throws IOException {
        for (Path w : Files.list(wheels).toList()) { // a file changed in the last two seconds is never memoized
            Files.setLastModifiedTime(w, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        }
        Files.writeString(project.resolve("requirements.txt"), "greeter\n");
        String output = tmp.resolve("pylock.toml").toString();
        assertEquals(0, run(offline("lock", project.toString(), "--runtime", "python3.12", "-o", output)),
                err.toString());
        byte[] first = Files.readAllBytes(Path.of(output));
        assertFalse(err.toString().contains("resolution reused"), err.toString());
        err.getBuffer().setLength(0);

        int exit = run(offline("lock", project.toString(), "--runtime", "python3.12", "-o", output));

        assertEquals(0, exit, err.toString());
        assertEquals(List.of("Resolved 2 packages (the index answers are the same as when these inputs were last"
                + " locked: resolution reused)", "Wrote " + output), err.toString().lines().limit(2).toList());
        assertTrue(err.toString().lines().skip(2).findFirst().orElse("").startsWith("Locked 2 packages for python3.12"),
                err.toString());
        assertEquals(new String(first), Files.readString(Path.of(output)));
        err.getBuffer().setLength(0);

        exit = run(offline("lock", project.toString(), "--runtime", "python3.12", "-o", output, "--refresh"));

        assertEquals(0, exit, err.toString());
        assertFalse(err.toString().contains("resolution reused"), err.toString());
        assertTrue(err.toString().contains("recording their wheels"), err.toString());
        assertEquals(new String(first), Files.readString(Path.of(output)));
    }

    @Test
    void aLockThatIsTheOnlyInputIsCheckedForTheTargetAndPassedThrough() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "greeter\n");
        assertEquals(0, run(offline("lock", project.toString(), "--runtime", "python3.12")), err.toString());
        Files.delete(project.resolve("requirements.txt"));

        int exit = run("lock", project.toString(), "--runtime", "python3.9", "-o", "-");

        assertEquals(0, exit, err.toString());
        assertEquals(2, Lock.parse(out.toString(), "stdout").packages().size());
        assertTrue(err.toString().contains("The lock is the project's only input"), err.toString());
    }

    @Test
    void aPassedThroughLockWithoutAWheelForTheTargetIsRefused() throws IOException {
        WheelBuilder.wheel("native", "1.0").tag("cp311-cp311-manylinux_2_17_x86_64")
                .metadata("Metadata-Version: 2.1\nName: native\nVersion: 1.0\n").file("native/__init__.py", "")
                .build(wheels);
        Files.writeString(project.resolve("requirements.txt"), "native\n");
        assertEquals(0, run(offline("lock", project.toString(), "--runtime", "python3.11")), err.toString());
        Files.delete(project.resolve("requirements.txt"));

        int exit = run("lock", project.toString(), "--runtime", "python3.12", "-o", "-");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("native 1.0 has no wheel for python3.12"), err.toString());
    }
}
