package io.smolsnake.pypackaging.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real wheels from the machine's package mirror, installed by this installer and by
 * {@code pip install --no-deps --no-compile --target}: the trees hold the same files with the same
 * bytes, once pip's {@code --target} layout (data files at the top, headers under
 * {@code include/python/<name>}) is mapped to ours and installer metadata is set aside. Skipped
 * with a reason where the wheel or pip is not available.
 */
class PipParityTest {
    private static final List<Path> MIRRORS = List.of(Path.of("/opt/wheels"), Path.of("/opt/pypi/files"),
            Path.of("/opt/pypi-more/files"));
    private static final Set<String> INSTALLER_METADATA = Set.of("RECORD", "INSTALLER", "REQUESTED",
            "direct_url.json");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "six",          // a single top-level module, py2.py3
        "jsonpointer",  // .data/scripts with a #!python line
        "greenlet",     // a compiled extension and .data/headers
        "notebook_shim",// .data/data
        "numpy"         // a large platlib wheel with bundled libraries (numpy.libs)
    })
    void installsTheSameFilesAsPip(String project) throws IOException, InterruptedException {
        Optional<Path> python = HostPython.executable();
        assumeTrue(python.isPresent(), "no python3 on this machine");
        assumeTrue(HostPython.hasPip(), "python3 has no pip");
        String pythonVersion = HostPython.majorMinor().orElseThrow();
        Optional<Path> found = find(project, "cp" + pythonVersion.replace(".", ""));
        assumeTrue(found.isPresent(), "no " + project + " wheel for this Python in " + MIRRORS);
        Path wheel = found.get();

        Path ours = tmp.resolve("ours");
        InstallResult result;
        try (WheelSource source = WheelSource.open(wheel, ExpectedDigest.of(Files.size(wheel),
                WheelBuilder.sha256(wheel)))) {
            result = WheelInstaller.install(source, Destination.create(ours),
                    InstallOptions.of(python.get().toString()));
        }
        Path theirs = tmp.resolve("pip");
        pipInstall(python.get(), wheel, theirs);

        Map<String, FileState> pipTree = tree(theirs);
        pipTree.keySet().removeAll(entryPointWrappers(theirs));
        Map<String, FileState> ourTree = new TreeMap<>();
        tree(ours).forEach((path, state) -> ourTree.put(pipLayout(path, pythonVersion), state));
        assertEquals(pipTree.keySet(), ourTree.keySet());
        List<String> differing = new ArrayList<>();
        pipTree.forEach((path, state) -> {
            if (!state.equals(ourTree.get(path))) {
                differing.add(path + ": pip " + state + ", ours " + ourTree.get(path));
            }
        });
        assertEquals(List.of(), differing);
        assertTrue(result.files().size() > ourTree.size(), "RECORD lists the files and the metadata");
    }

    /** Our path as pip {@code --target} lays it out. */
    private static String pipLayout(String path, String pythonVersion) {
        if (path.startsWith(WheelPlan.DATA_DIR + "/")) {
            return path.substring(WheelPlan.DATA_DIR.length() + 1);
        }
        if (path.startsWith(WheelPlan.HEADERS_DIR + "/")) {
            return "include/python/" + path.substring(WheelPlan.HEADERS_DIR.length() + 1);
        }
        return path;
    }

    private static Optional<Path> find(String project, String cpTag) throws IOException {
        for (Path dir : MIRRORS) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> wheel = files
                        .filter(f -> f.getFileName().toString().startsWith(project + "-"))
                        .filter(f -> f.getFileName().toString().endsWith("-none-any.whl")
                                || (f.getFileName().toString().contains("-" + cpTag + "-")
                                        && f.getFileName().toString().contains("x86_64")
                                        && System.getProperty("os.arch").equals("amd64")))
                        .sorted()
                        .findFirst();
                if (wheel.isPresent()) {
                    return wheel;
                }
            }
        }
        return Optional.empty();
    }

    private static void pipInstall(Path python, Path wheel, Path target) throws IOException, InterruptedException {
        Process pip = new ProcessBuilder(python.toString(), "-m", "pip", "install", "--no-deps", "--no-compile",
                "--no-index", "--disable-pip-version-check", "-q", "--target", target.toString(), wheel.toString())
                .redirectErrorStream(true).start();
        String output = new String(pip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(pip.waitFor() == 0, "pip could not install " + wheel + ":\n" + output);
    }

    /** The console/gui script wrappers pip generates from entry_points.txt (this installer does not). */
    private static Set<String> entryPointWrappers(Path root) throws IOException {
        Set<String> wrappers = new HashSet<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path distInfo : files.filter(f -> f.getFileName().toString().endsWith(".dist-info")).toList()) {
                Path entryPoints = distInfo.resolve("entry_points.txt");
                if (!Files.exists(entryPoints)) {
                    continue;
                }
                boolean scripts = false;
                for (String line : Files.readAllLines(entryPoints)) {
                    String t = line.strip();
                    if (t.startsWith("[")) {
                        scripts = t.equals("[console_scripts]") || t.equals("[gui_scripts]");
                    } else if (scripts && t.contains("=")) {
                        wrappers.add("bin/" + t.substring(0, t.indexOf('=')).strip());
                    }
                }
            }
        }
        return wrappers;
    }

    private record FileState(String sha256, boolean executable) {}

    private static Map<String, FileState> tree(Path root) throws IOException {
        Map<String, FileState> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString();
                String name = file.getFileName().toString();
                if (file.getParent().getFileName().toString().endsWith(".dist-info")
                        && INSTALLER_METADATA.contains(name)) {
                    continue;
                }
                boolean executable = !relative.startsWith("bin/") && Files.isExecutable(file);
                files.put(relative, new FileState(WheelBuilder.sha256(file), executable));
            }
        }
        return files;
    }
}
