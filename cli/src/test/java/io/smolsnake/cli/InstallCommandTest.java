package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.lock.Lock;
import io.smolsnake.pypackaging.lock.LockTarget;
import io.smolsnake.pypackaging.lock.LockedPackage;
import io.smolsnake.pypackaging.lock.LockedWheel;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallCommandTest {
    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** A py3-none-any wheel with {@code files} and a correct RECORD, written to {@code tmp/wheels}. */
    Path wheel(String name, String version, Map<String, String> files) throws Exception {
        String distInfo = name + "-" + version + ".dist-info";
        Map<String, byte[]> all = new LinkedHashMap<>();
        files.forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
        all.put(distInfo + "/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                .getBytes(StandardCharsets.UTF_8));
        all.put(distInfo + "/METADATA", ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            record.append(e.getKey()).append(",sha256=").append(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(e.getValue()))).append(',')
                    .append(e.getValue().length).append('\n');
        }
        all.put(distInfo + "/RECORD", (record + distInfo + "/RECORD,,\n").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Path file = Files.createDirectories(tmp.resolve("wheels")).resolve(name + "-" + version + "-py3-none-any.whl");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    static LockedPackage locked(Path wheel, String name, String version, String sha256) throws IOException {
        return LockedPackage.ofWheels(PackageName.of(name), Version.parse(version), null, List.of(LockedWheel.of(
                wheel.getFileName().toString(), wheel.toUri().toString(), Files.size(wheel), sha256)));
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    Lock lockOf(Path... wheels) throws Exception {
        List<LockedPackage> packages = new ArrayList<>();
        for (Path w : wheels) {
            String[] parts = w.getFileName().toString().split("-");
            packages.add(locked(w, parts[0], parts[1], sha256(w)));
        }
        return Lock.of("test", null, packages, new LockTarget("python3.12", "x86_64", null));
    }

    @Test
    void installsAProjectsLockAndPrintsOnlyTheEnvironmentPath() throws Exception {
        // given: a project with a lock of two wheels for python3.12 on x86_64
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path alpha = wheel("alpha", "1.0", Map.of("alpha/__init__.py", "A = 1\n"));
        Path beta = wheel("beta", "2.0", Map.of("beta.py", "B = 2\n"));
        Lock lock = lockOf(alpha, beta);
        lock.write(project.resolve("pylock.toml"));
        Path store = tmp.resolve("store");

        // when
        int exit = run("install", project.toString(), "--store", store.toString(), "--no-compile");

        // then
        assertEquals(0, exit, err.toString());
        Path env = store.toAbsolutePath().resolve("envs/python3.12-x86_64/" + lock.digest());
        assertEquals(env + "\n", out.toString());
        assertEquals("A = 1\n", Files.readString(env.resolve("site-packages/alpha/__init__.py")));
        assertEquals("B = 2\n", Files.readString(env.resolve("site-packages/beta.py")));
        List<String> progress = err.toString().lines().toList();
        assertEquals("installing 2 packages for " + io.smolsnake.pypackaging.tags.LambdaTarget.of("python3.12",
                "x86_64").description(), progress.get(0));
        assertTrue(progress.get(1).startsWith("[1/2] "), err.toString());
        assertTrue(progress.get(2).startsWith("[2/2] "), err.toString());
        assertTrue(progress.get(3).startsWith("assembled " + env + ": 10 files (10 linked, 0 copied) in "),
                err.toString());
    }

    @Test
    void aHostInstallStartsFromPython3sLastAnswerAndInstallsAgainWhenTheAnswerDiffers() throws Exception {
        // a lock without a target (for the host), and a cache of its own for python3's answers
        Path lockFile = tmp.resolve("host.lock.toml");
        Path alpha = wheel("alpha", "1.0", Map.of("alpha.py", ""));
        Files.writeString(lockFile, "lock-version = \"1.0\"\ncreated-by = \"test\"\n\n[[packages]]\nname = \"alpha\"\n"
                + "version = \"1.0\"\nwheels = [{ name = \"" + alpha.getFileName() + "\", url = \"" + alpha.toUri()
                + "\", size = " + Files.size(alpha) + ", hashes = { sha256 = \"" + sha256(alpha) + "\" } }]\n");
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        String[] args = {"install", "--lock", lockFile.toString(), "--store", tmp.resolve("store").toString(),
            "--no-compile"};
        assertEquals(0, Main.run(env, new PrintWriter(out), new PrintWriter(err), args), err.toString());
        String expected = out.toString();
        List<Path> answers;
        try (var files = Files.list(tmp.resolve("cache/smolsnake/host-python"))) {
            answers = files.toList();
        }
        assertEquals(1, answers.size(), "python3's answer is remembered");

        // python3 now answers otherwise than it did (as after an upgrade)
        Files.writeString(answers.get(0), Files.readString(answers.get(0))
                .replaceFirst("\"python_full_version\": \"([^\"]*)\"", "\"python_full_version\": \"$1.9\""));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(0, Main.run(env, new PrintWriter(out), new PrintWriter(err), args), err.toString());

        assertEquals(expected, out.toString(), "the environment of python3's answer, not of the guess");
        assertTrue(err.toString().contains("The host's python3 is not the one it was last time: installing for "),
                err.toString());

        // the answer is remembered again: the next install's guess is right
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(0, Main.run(env, new PrintWriter(out), new PrintWriter(err), args), err.toString());
        assertEquals(expected, out.toString());
        assertTrue(!err.toString().contains("not the one it was last time"), err.toString());
    }

    @Test
    void aSecondInstallFindsEverythingInTheStore() throws Exception {
        Path lockFile = tmp.resolve("my.lock.toml");
        lockOf(wheel("alpha", "1.0", Map.of("alpha.py", ""))).write(lockFile);
        Path store = tmp.resolve("store");
        assertEquals(0, run("install", "--lock", lockFile.toString(), "--store", store.toString()), err.toString());
        err.getBuffer().setLength(0);

        int exit = run("install", "--lock", lockFile.toString(), "--store", store.toString());

        assertEquals(0, exit, err.toString());
        assertTrue(err.toString().contains("[1/1] alpha 1.0 (alpha-1.0-py3-none-any.whl) already in the store\n"),
                err.toString());
        assertTrue(err.toString().contains(" was already assembled\n"), err.toString());
    }

    @Test
    void aMissingLockSaysHowToMakeOne() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));

        int exit = run("install", project.toString(), "--store", tmp.resolve("store").toString());

        assertEquals(Main.EXIT_USAGE, exit);
        assertEquals("error: " + project + " has no pylock.toml; make one with: smolsnake lock " + project + "\n",
                err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aWheelThatDiffersFromTheLockFailsTheInstallNamingBothHashes() throws Exception {
        // given: the lock records another hash than the wheel on disk has
        Path alpha = wheel("alpha", "1.0", Map.of("alpha.py", ""));
        String wrong = "0".repeat(64);
        Lock lock = Lock.of("test", null, List.of(locked(alpha, "alpha", "1.0", wrong)),
                new LockTarget("python3.12", "x86_64", null));
        Path lockFile = tmp.resolve("pylock.toml");
        lock.write(lockFile);

        int exit = run("install", "--lock", lockFile.toString(), "--store", tmp.resolve("store").toString());

        assertEquals(Main.EXIT_FAILED, exit);
        assertEquals("", out.toString());
        String text = err.toString();
        assertTrue(text.contains("error: 1 of 1 packages failed to install:\n  Install.HashMismatch: "
                + "alpha-1.0-py3-none-any.whl: "), text);
        assertTrue(text.contains("expected: sha256=" + wrong), text);
        assertTrue(text.contains("actual:   sha256=" + sha256(alpha)), text);
    }

    @Test
    void aPackageThatFailsLeavesNoEnvironmentThoughTheOthersWereAlreadyLinked() throws Exception {
        // given: three good wheels, linked as soon as each is in the store, and one whose hash differs
        List<LockedPackage> packages = new ArrayList<>();
        for (String name : List.of("alpha", "beta", "gamma")) {
            Path w = wheel(name, "1.0", Map.of(name + "/__init__.py", "X = 1\n"));
            packages.add(locked(w, name, "1.0", sha256(w)));
        }
        packages.add(locked(wheel("broken", "1.0", Map.of("broken.py", "")), "broken", "1.0", "0".repeat(64)));
        Path lockFile = tmp.resolve("pylock.toml");
        Lock.of("test", null, packages, new LockTarget("python3.12", "x86_64", null)).write(lockFile);
        Path store = tmp.resolve("store");

        // when
        int exit = run("install", "--lock", lockFile.toString(), "--store", store.toString(), "--no-compile", "-j", "4");

        // then: the good ones are in the store, and no environment (nor a temporary) is under envs/
        assertEquals(Main.EXIT_FAILED, exit);
        assertTrue(err.toString().contains("error: 1 of 4 packages failed to install:\n  Install.HashMismatch: "
                + "broken-1.0-py3-none-any.whl: "), err.toString());
        assertTrue(Files.isDirectory(store.resolve("store/python3.12-x86_64/gamma/1.0")));
        try (var envs = Files.list(store.resolve("envs/python3.12-x86_64"))) {
            assertEquals(List.of(), envs.toList());
        }
    }

    @Test
    void aPackageWithoutAWheelForTheTargetIsNamed() throws Exception {
        Path lockFile = tmp.resolve("pylock.toml");
        Lock.of("test", null, List.of(LockedPackage.ofWheels(PackageName.of("native"), Version.parse("1.0"), null,
                List.of(LockedWheel.of("native-1.0-cp312-cp312-win_amd64.whl", "https://example.com/n.whl", 10,
                        "1".repeat(64))))), new LockTarget("python3.12", "arm64", null)).write(lockFile);

        int exit = run("install", "--lock", lockFile.toString(), "--store", tmp.resolve("store").toString());

        assertEquals(Main.EXIT_FAILED, exit);
        String description = io.smolsnake.pypackaging.tags.LambdaTarget.of("python3.12", "arm64").description();
        assertEquals("error: 1 package of the lock cannot be installed for " + description + ":\n"
                + "  native 1.0: none of its wheels runs on " + description
                + " (native-1.0-cp312-cp312-win_amd64.whl): re-lock for this target\n", err.toString());
    }

    @Test
    void givingBothADirectoryAndALockIsAUsageError() {
        int exit = run("install", tmp.toString(), "--lock", "x.toml", "--store", "s");

        assertEquals(Main.EXIT_USAGE, exit);
        assertEquals("error: give PROJECT_DIR or --lock FILE, not both\n", err.toString());
    }
}
