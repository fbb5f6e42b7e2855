package io.smolsnake.pypackaging.locker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.lock.Lock;
import io.smolsnake.pypackaging.lock.LockedPackage;
import io.smolsnake.pypackaging.lock.LockedWheel;
import io.smolsnake.pypackaging.project.Project;
import io.smolsnake.pypackaging.project.ProjectInputException;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.wheel.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locking a project against a find-links directory of real (generated) wheels. */
class LockerTest {
    @TempDir
    Path tmp;

    private final List<String> progress = new ArrayList<>();

    private Path wheels() throws IOException {
        return Files.createDirectories(tmp.resolve("wheels"));
    }

    private void wheel(String name, String version, String tag, String... requires) throws IOException {
        StringBuilder md = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        for (String r : requires) {
            md.append("Requires-Dist: ").append(r).append('\n');
        }
        WheelBuilder.wheel(name, version).tag(tag).metadata(md.toString())
                .file(name.replace('-', '_') + "/__init__.py", "VERSION = '" + version + "'\n").build(wheels());
    }

    private Project project(String pyproject) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(dir.resolve("pyproject.toml"), pyproject);
        return Project.load(dir, List.of(), List.of());
    }

    private LockSettings findLinksOnly() throws IOException {
        return new LockSettings(null, List.of(), List.of(wheels().toString()), true, false, null,
                tmp.resolve("cache"), false);
    }

    private LockOutcome lock(Project project, Target target) throws IOException {
        return new Locker(null, progress::add).lock(project, target, findLinksOnly());
    }

    @Test
    void locksTheNewestWheelsTheTargetAcceptsWithSizeAndHash() throws IOException {
        wheel("app-core", "1.0", "py3-none-any", "helper>=2");
        wheel("helper", "1.5", "py3-none-any");
        wheel("helper", "2.1", "py3-none-any");
        wheel("helper", "3.0", "cp312-cp312-manylinux_2_17_x86_64");
        Project project = project("""
                [project]
                name = "demo"
                version = "0"
                dependencies = ["app-core"]
                """);

        LockOutcome outcome = lock(project, Target.parse("python3.11", "x86_64"));

        Lock lock = assertInstanceOf(LockOutcome.Locked.class, outcome).lock();
        Map<String, String> versions = lock.packages().stream()
                .collect(Collectors.toMap(p -> p.name().toString(), p -> p.version().toString()));
        assertEquals(Map.of("app-core", "1.0", "helper", "2.1"), versions);
        LockedPackage helper = lock.packages().get(1);
        LockedWheel w = helper.wheels().get(0);
        Path file = wheels().resolve("helper-2.1-py3-none-any.whl");
        assertEquals("helper-2.1-py3-none-any.whl", w.name());
        assertEquals("file://" + file.toAbsolutePath(), w.url());
        assertEquals(Files.size(file), w.size());
        assertEquals(WheelBuilder.sha256(file), w.hashes().get("sha256"));
        assertEquals("python3.11", lock.target().orElseThrow().runtime());
        assertEquals(List.of(Map.of("name", "helper")), lock.packages().get(0).dependencies());
    }

    @Test
    void sameInputsGiveTheSameBytes() throws IOException {
        wheel("alpha", "1.0", "py3-none-any", "beta", "gamma");
        wheel("beta", "1.0", "py3-none-any");
        wheel("gamma", "1.0", "py3-none-any");
        Project project = project("[project]\nname = \"d\"\nversion = \"0\"\ndependencies = [\"alpha\"]\n");
        Target target = Target.parse("python3.12", "arm64");

        byte[] first = ((LockOutcome.Locked) lock(project, target)).lock().toBytes();
        byte[] second = ((LockOutcome.Locked) lock(project, target)).lock().toBytes();

        assertArrayEquals(first, second);
    }

    @Test
    void locksTheSameWhileTheTargetIsStillBeingWorkedOut() throws Exception {
        wheel("alpha", "1.0", "py3-none-any", "beta; python_version < '3.12'");
        wheel("beta", "1.0", "cp311-cp311-manylinux_2_17_x86_64");
        Project project = project("[project]\nname = \"d\"\nversion = \"0\"\ndependencies = [\"alpha\"]\n");
        Target target = Target.parse("python3.11", "x86_64");
        CompletableFuture<Target> pending = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(200, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> pending.complete(target));

        LockOutcome later = new Locker(null, progress::add).lock(project, pending, findLinksOnly());

        assertArrayEquals(((LockOutcome.Locked) lock(project, target)).lock().toBytes(),
                ((LockOutcome.Locked) later).lock().toBytes());
    }

    @Test
    void resolvesAgainWhenTheGuessedTargetWasWrong() throws Exception {
        wheel("alpha", "1.0", "py3-none-any", "beta; python_version < '3.12'");
        wheel("beta", "1.0", "py3-none-any");
        wheel("gamma", "1.0", "py3-none-any");
        Project project = project("[project]\nname = \"d\"\nversion = \"0\"\ndependencies = [\"alpha\"]\n");
        Target actual = Target.parse("python3.11", "x86_64");
        Target wrongGuess = Target.parse("python3.12", "x86_64");
        CompletableFuture<Target> pending = new CompletableFuture<>();

        // the target is worked out while the guess is being resolved
        LockOutcome outcome = new Locker(null, line -> {
            progress.add(line);
            pending.complete(actual);
        }).lock(project, pending, wrongGuess, findLinksOnly());

        Lock lock = ((LockOutcome.Locked) outcome).lock();
        assertEquals("python3.11", lock.target().orElseThrow().runtime());
        assertEquals(List.of("alpha", "beta"), lock.packages().stream().map(p -> p.name().toString()).toList());
        assertTrue(progress.stream().anyMatch(l -> l.contains("resolving again")), progress.toString());
        assertEquals(1, progress.stream().filter(l -> l.contains("recording their wheels")).count(),
                "the wrong guess's wheels are not recorded: " + progress);
    }

    @Test
    void keepsTheLockMadeForAGuessTheTargetConfirms() throws Exception {
        wheel("alpha", "1.0", "py3-none-any");
        Project project = project("[project]\nname = \"d\"\nversion = \"0\"\ndependencies = [\"alpha\"]\n");
        Target target = Target.parse("python3.11", "x86_64");
        CompletableFuture<Target> pending = new CompletableFuture<>();

        LockOutcome outcome = new Locker(null, line -> {
            progress.add(line);
            pending.complete(Target.parse("python3.11", "x86_64"));
        }).lock(project, pending, target, findLinksOnly());

        assertArrayEquals(((LockOutcome.Locked) lock(project, target)).lock().toBytes(),
                ((LockOutcome.Locked) outcome).lock().toBytes());
        assertTrue(progress.stream().noneMatch(l -> l.contains("resolving again")), progress.toString());
    }

    /** Whether the guess is tried first depends on timing; the outcome must be right either way. */
    @Test
    void aGuessThatCannotBeLockedCountsForNothingWhenWrong() throws Exception {
        wheel("alpha", "1.0", "py3-none-any");
        Project project = project("""
                [project]
                name = "d"
                version = "0"
                requires-python = ">=3.12"
                dependencies = ["alpha"]
                """);
        CompletableFuture<Target> pending = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> pending.complete(Target.parse("python3.12", "x86_64")));

        LockOutcome outcome = new Locker(null, progress::add).lock(project, pending, Target.parse("python3.11", "x86_64"),
                findLinksOnly());

        assertEquals("python3.12", ((LockOutcome.Locked) outcome).lock().target().orElseThrow().runtime());
    }

    @Test
    void reportsWhatWorkingOutTheTargetThrewAsThrown() throws IOException {
        wheel("alpha", "1.0", "py3-none-any");
        Project project = project("[project]\nname = \"d\"\nversion = \"0\"\ndependencies = [\"alpha\"]\n");
        IllegalStateException failure = new IllegalStateException("python3 did not answer");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Locker(null, progress::add)
                .lock(project, CompletableFuture.failedFuture(failure), findLinksOnly()));

        assertSame(failure, e);
    }

    @Test
    void explainsAWheelThatNeedsANewerGlibcThanTheRuntimeHas() throws IOException {
        wheel("fastlib", "2.0", "cp311-cp311-manylinux_2_28_x86_64");
        Project project = project("[project]\nname = \"d\"\nversion = \"0\"\ndependencies = [\"fastlib>=2\"]\n");

        LockOutcome outcome = lock(project, Target.parse("python3.11", "x86_64"));

        String message = assertInstanceOf(LockOutcome.Unsatisfiable.class, outcome).message();
        assertEquals("""
                Because fastlib >=2.0 cannot be used (fastlib 2.0 has no wheel for python3.11 (x86_64, Amazon Linux 2, \
                glibc 2.26) (its wheels: cp311-cp311-manylinux_2_28_x86_64), and no other version matches) and the \
                project depends on fastlib >=2, version solving failed.

                hint: fastlib 2.0 has only manylinux_2_28+ wheels for Python 3.11 on x86_64, which need glibc 2.28; \
                python3.11 on Lambda (Amazon Linux 2) has glibc 2.26. python3.12 and later (Amazon Linux 2023) have \
                glibc 2.34. Or pin an older fastlib that still ships a manylinux2014 wheel.""", message);
    }

    @Test
    void locksTheSameProjectForAmazonLinux2023() throws IOException {
        wheel("fastlib", "2.0", "cp312-cp312-manylinux_2_28_x86_64");
        Project project = project("[project]\nname = \"d\"\nversion = \"0\"\ndependencies = [\"fastlib>=2\"]\n");

        LockOutcome outcome = lock(project, Target.parse("python3.12", "x86_64"));

        assertEquals("2.0", ((LockOutcome.Locked) outcome).lock().packages().get(0).version().toString());
    }

    @Test
    void onlyFilesWhoseHashIsPinnedAreCandidates() throws IOException {
        wheel("pinned", "1.0", "py3-none-any");
        wheel("pinned", "2.0", "py3-none-any");
        Path dir = Files.createDirectories(tmp.resolve("project"));
        String oldHash = WheelBuilder.sha256(wheels().resolve("pinned-1.0-py3-none-any.whl"));
        Files.writeString(dir.resolve("requirements.txt"), "pinned --hash=sha256:" + oldHash + "\n");

        LockOutcome outcome = new Locker(null, progress::add).lock(Project.load(dir, List.of(), List.of()),
                Target.parse("python3.12", "x86_64"), findLinksOnly());

        assertEquals("1.0", ((LockOutcome.Locked) outcome).lock().packages().get(0).version().toString());
    }

    @Test
    void refusesAProjectWhoseRequiresPythonExcludesTheRuntime() throws IOException {
        Project project = project("""
                [project]
                name = "d"
                version = "0"
                requires-python = ">=3.12"
                dependencies = []
                """);

        LockInputException e = assertThrows(LockInputException.class,
                () -> lock(project, Target.parse("python3.11", "x86_64")));

        assertTrue(e.getMessage().startsWith("The project requires Python >=3.12 ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("but python3.11 (x86_64, Amazon Linux 2, glibc 2.26) runs Python 3.11.0."
                + " Choose another runtime (--runtime) or relax requires-python."), e.getMessage());
    }

    @Test
    void reportsABadRequirementWithFileLineAndColumn() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(dir.resolve("requirements.txt"), "# deps\nnumpy >= \n");

        ProjectInputException e = assertThrows(ProjectInputException.class, () -> new Locker(null, progress::add)
                .lock(Project.load(dir, List.of(), List.of()), Target.parse("python3.12", "x86_64"), findLinksOnly()));

        assertTrue(e.getMessage().contains("requirements.txt:2:"), e.getMessage());
    }

    @Test
    void refusesAnEditableSourceTree() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("project"));
        Files.createDirectories(dir.resolve("mylib"));
        Files.writeString(dir.resolve("requirements.txt"), "-e ./mylib\n");

        LockInputException e = assertThrows(LockInputException.class, () -> new Locker(null, progress::add)
                .lock(Project.load(dir, List.of(), List.of()), Target.parse("python3.12", "x86_64"), findLinksOnly()));

        assertTrue(e.getMessage().contains("smolsnake locks published wheels only"), e.getMessage());
    }
}
