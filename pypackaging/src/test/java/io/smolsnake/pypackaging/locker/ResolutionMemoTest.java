package io.smolsnake.pypackaging.locker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.index.MergeStrategy;
import io.smolsnake.pypackaging.lock.Lock;
import io.smolsnake.pypackaging.project.Project;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.wheel.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Locking the same inputs again reuses the resolution only while every source answers the same. */
class ResolutionMemoTest {
    private static final Target PY311 = Target.parse("python3.11", "x86_64");

    @TempDir
    Path tmp;

    private final List<String> progress = new ArrayList<>();

    private Path wheels() throws IOException {
        return Files.createDirectories(tmp.resolve("wheels"));
    }

    /** A wheel in the find-links directory, an hour old (a file changed in the last two seconds is never memoized). */
    private Path wheel(String name, String version, String tag, String... requires) throws IOException {
        return wheelIn(wheels(), name, version, tag, requires);
    }

    private static Path wheelIn(Path dir, String name, String version, String tag, String... requires)
            throws IOException {
        StringBuilder md = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        for (String r : requires) {
            md.append("Requires-Dist: ").append(r).append('\n');
        }
        Path file = WheelBuilder.wheel(name, version).tag(tag).metadata(md.toString())
                .file(name + "/__init__.py", "VERSION = '" + version + "'  # " + String.join(",", requires) + "\n")
                .build(dir);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        return file;
    }

    private Project project(String dependencies) throws IOException {
        return project(dependencies, "");
    }

    private Project project(String dependencies, String more, String... extras) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"d\"\nversion = \"0\"\ndependencies = "
                + dependencies + "\n" + more);
        return Project.load(dir, List.of(), List.of(extras));
    }

    private LockSettings findLinks() throws IOException {
        return new LockSettings(null, List.of(), List.of(wheels().toString()), true, false, null, tmp.resolve("cache"),
                false);
    }

    private LockOutcome lock(Project project, Target target, LockSettings settings, Locker.Memo memo) {
        progress.clear();
        return new Locker(null, progress::add, memo).lock(project, target, settings);
    }

    private LockOutcome lock(Project project) throws IOException {
        return lock(project, PY311, findLinks(), Locker.Memo.REUSE);
    }

    private boolean reused() {
        return progress.stream().anyMatch(l -> l.contains(Locker.REUSED));
    }

    private static byte[] bytes(LockOutcome outcome) {
        return assertInstanceOf(LockOutcome.Locked.class, outcome).toBytes();
    }

    @Test
    void theSameInputsLockedAgainReuseTheResolutionWithTheSameBytes() throws IOException {
        wheel("alpha", "1.0", "py3-none-any", "beta>=1");
        wheel("beta", "1.0", "py3-none-any");
        wheel("beta", "2.0", "py3-none-any");
        Project project = project("[\"alpha\"]");

        byte[] first = bytes(lock(project));
        assertFalse(reused(), progress.toString());
        LockOutcome second = lock(project);

        assertTrue(reused(), progress.toString());
        assertEquals(List.of("Resolved 2 packages (" + Locker.REUSED + ")"), progress);
        assertArrayEquals(first, bytes(second));
        assertArrayEquals(bytes(lock(project, PY311, findLinks(), Locker.Memo.NONE)), bytes(second));
        assertEquals(2, ((LockOutcome.Locked) second).summary().packages());
        assertEquals("2.0", ((LockOutcome.Locked) second).lock().packages().get(1).version().toString());
    }

    @Test
    void aVersionPublishedOnTheIndexPageSinceIsLocked() throws IOException {
        Path files = Files.createDirectories(tmp.resolve("files"));
        Path simple = Files.createDirectories(tmp.resolve("simple"));
        Path one = wheelIn(files, "alpha", "1.0", "py3-none-any");
        page(simple, "alpha", one);
        LockSettings index = new LockSettings(simple.toUri().toString(), List.of(), List.of(), false, false, null,
                tmp.resolve("cache"), false);
        Project project = project("[\"alpha\"]");
        lock(project, PY311, index, Locker.Memo.REUSE);
        lock(project, PY311, index, Locker.Memo.REUSE);
        assertTrue(reused(), "the page is unchanged: " + progress);

        page(simple, "alpha", one, wheelIn(files, "alpha", "1.1", "py3-none-any"));
        LockOutcome outcome = lock(project, PY311, index, Locker.Memo.REUSE);

        assertFalse(reused(), progress.toString());
        assertEquals("1.1", ((LockOutcome.Locked) outcome).lock().packages().get(0).version().toString());
    }

    /** A PEP 503 page listing {@code wheels} with their sha256. */
    private static void page(Path simple, String project, Path... wheels) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
        for (Path w : wheels) {
            html.append("<a href=\"").append(w.toUri()).append("#sha256=").append(WheelBuilder.sha256(w)).append("\">")
                    .append(w.getFileName()).append("</a>\n");
        }
        Path dir = Files.createDirectories(simple.resolve(project));
        Files.writeString(dir.resolve("index.html"), html.append("</body></html>\n"));
    }

    @Test
    void aFindLinksWheelRebuiltUnderTheSameNameIsReadAgain() throws IOException {
        Path alpha = wheel("alpha", "1.0", "py3-none-any");
        wheel("beta", "1.0", "py3-none-any");
        Project project = project("[\"alpha\"]");
        byte[] before = bytes(lock(project));

        Files.delete(alpha);
        Path rebuilt = wheel("alpha", "1.0", "py3-none-any", "beta");
        Files.setLastModifiedTime(rebuilt, FileTime.fromMillis(System.currentTimeMillis() - 1_800_000));
        LockOutcome after = lock(project);

        assertFalse(reused(), progress.toString());
        assertNotEquals(new String(before), new String(bytes(after)));
        Lock lock = ((LockOutcome.Locked) after).lock();
        assertEquals(List.of("alpha", "beta"), lock.packages().stream().map(p -> p.name().toString()).toList());
        assertEquals(WheelBuilder.sha256(rebuilt), lock.packages().get(0).wheels().get(0).hashes().get("sha256"));
    }

    @Test
    void aLocalWheelRequiredByUrlAndRebuiltIsReadAgain() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path alpha = wheelIn(elsewhere, "alpha", "1.0", "py3-none-any");
        wheel("beta", "1.0", "py3-none-any");
        Path dir = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(dir.resolve("requirements.txt"), "alpha @ " + alpha.toUri() + "\n");
        Project project = Project.load(dir, List.of(), List.of());
        lock(project);
        lock(project);
        assertTrue(reused(), progress.toString());

        Files.delete(alpha);
        Path rebuilt = wheelIn(elsewhere, "alpha", "1.0", "py3-none-any", "beta");
        Files.setLastModifiedTime(rebuilt, FileTime.fromMillis(System.currentTimeMillis() - 1_800_000));
        LockOutcome after = lock(project);

        assertFalse(reused(), progress.toString());
        assertEquals(List.of("alpha", "beta"), ((LockOutcome.Locked) after).lock().packages().stream()
                .map(p -> p.name().toString()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"target", "extra", "constraint", "pre-releases", "first index", "hash pin"})
    void anyOtherInputIsResolvedAfresh(String change) throws IOException {
        wheel("alpha", "1.0", "py3-none-any");
        wheel("alpha", "2.0", "py3-none-any");
        wheel("gamma", "1.0", "py3-none-any");
        String extras = "[project.optional-dependencies]\nmore = [\"gamma\"]\n";
        Project base = project("[\"alpha\"]", extras);
        lock(base);
        lock(base);
        assertTrue(reused(), "the same inputs: " + progress);

        Target target = PY311;
        LockSettings settings = findLinks();
        Project changed = base;
        switch (change) {
            case "target" -> target = Target.parse("python3.12", "x86_64");
            case "extra" -> changed = project("[\"alpha\"]", extras, "more");
            case "constraint", "hash pin" -> {
                Path dir = tmp.resolve("project");
                Files.delete(dir.resolve("pyproject.toml"));
                Files.writeString(dir.resolve("constraints.txt"), "alpha<2\n");
                String pin = WheelBuilder.sha256(wheels().resolve("alpha-2.0-py3-none-any.whl"));
                Files.writeString(dir.resolve("requirements.txt"), change.equals("constraint")
                        ? "alpha\n-c constraints.txt\n" : "alpha --hash=sha256:" + pin + "\n");
                changed = Project.load(dir, List.of(), List.of());
                lock(changed, target, settings, Locker.Memo.REUSE); // the requirements file alone, remembered
                Files.writeString(dir.resolve("requirements.txt"), change.equals("constraint")
                        ? "alpha\n-c constraints.txt\n" : "alpha --hash=sha256:" + pin.replace('0', '1') + "\n");
                Files.writeString(dir.resolve("constraints.txt"), "alpha<1.5\n");
                changed = Project.load(dir, List.of(), List.of());
            }
            case "pre-releases" -> settings = new LockSettings(null, List.of(), List.of(wheels().toString()), true,
                    true, null, tmp.resolve("cache"), false);
            case "first index" -> settings = new LockSettings(null, List.of(), List.of(wheels().toString()), true,
                    false, MergeStrategy.FIRST_INDEX, tmp.resolve("cache"), false);
            default -> throw new IllegalArgumentException(change);
        }
        lock(changed, target, settings, Locker.Memo.REUSE);

        assertFalse(reused(), change + ": " + progress);
    }

    @Test
    void whyNothingFitsIsReusedWordForWord() throws IOException {
        wheel("fastlib", "2.0", "cp311-cp311-manylinux_2_28_x86_64");
        Project project = project("[\"fastlib>=2\"]");
        String first = assertInstanceOf(LockOutcome.Unsatisfiable.class, lock(project)).message();

        LockOutcome second = lock(project);

        assertTrue(reused(), progress.toString());
        assertEquals(first, assertInstanceOf(LockOutcome.Unsatisfiable.class, second).message());
        assertTrue(first.contains("hint: fastlib 2.0 has only manylinux_2_28+ wheels"), first);
    }

    @Test
    void aDamagedMemoIsIgnoredAndReplaced() throws IOException {
        wheel("alpha", "1.0", "py3-none-any");
        Project project = project("[\"alpha\"]");
        byte[] first = bytes(lock(project));
        List<Path> entries;
        try (Stream<Path> files = Files.list(tmp.resolve("cache").resolve("resolutions"))) {
            entries = files.toList();
        }
        assertEquals(1, entries.size(), entries.toString());
        byte[] damaged = Files.readAllBytes(entries.get(0));
        damaged[damaged.length - 5] ^= 1; // one flipped bit in the lock's bytes
        Files.write(entries.get(0), damaged);

        LockOutcome second = lock(project);

        assertFalse(reused(), progress.toString());
        assertArrayEquals(first, bytes(second));
        lock(project);
        assertTrue(reused(), "the damaged entry was replaced: " + progress);
    }

    @Test
    void refreshResolvesAgainAndRemembersTheNewResolution() throws IOException {
        wheel("alpha", "1.0", "py3-none-any");
        Project project = project("[\"alpha\"]");
        byte[] first = bytes(lock(project));

        LockOutcome refreshed = lock(project, PY311, findLinks(), Locker.Memo.REFRESH);

        assertFalse(reused(), progress.toString());
        assertTrue(progress.stream().anyMatch(l -> l.contains("recording their wheels")), progress.toString());
        assertArrayEquals(first, bytes(refreshed));
        lock(project);
        assertTrue(reused(), progress.toString());
    }

    @Test
    void aWheelWrittenInTheLastTwoSecondsIsNotMemoized() throws IOException {
        Path alpha = wheel("alpha", "1.0", "py3-none-any");
        Files.setLastModifiedTime(alpha, FileTime.fromMillis(System.currentTimeMillis()));
        Project project = project("[\"alpha\"]");

        lock(project);
        lock(project);

        assertFalse(reused(), progress.toString());
    }
}
