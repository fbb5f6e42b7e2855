package io.smolsnake.pypackaging.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real wheels from the machine's package mirror, installed by this installer and by
 * {@code pip install --no-deps --target}: the trees hold the same files with the same bytes (the
 * console-script launchers included), once pip's {@code --target} layout (data files at the top,
 * headers under {@code include/python/<name>}) is mapped to ours and installer metadata is set
 * aside. Skipped with a reason where the wheel or pip is not available.
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
        "idna",         // a console script declared in entry_points.txt
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
        pipInstall(python.get(), wheel, theirs, false);

        assertSameTrees(theirs, ours);
        assertTrue(result.files().size() > tree(ours).size(), "RECORD lists the files and the metadata");
    }

    @Test
    void installsABuiltWheelWithLaunchersDataHeadersAndBytecodeExactlyAsPip() throws IOException, InterruptedException {
        Optional<Path> python = HostPython.executable();
        assumeTrue(python.isPresent(), "no python3 on this machine");
        assumeTrue(HostPython.hasPip(), "python3 has no pip");
        Path wheel = WheelBuilder.wheel("Demo_Pkg", "1.0")
                .file("demo_pkg/__init__.py", "def main():\n    return 0\n")
                .file("demo_pkg/gui.py", "class App:\n    @staticmethod\n    def run():\n        return 0\n")
                .file("Demo_Pkg-1.0.data/scripts/demo-tool.py", "#!python\nprint('tool')\n")
                .file("Demo_Pkg-1.0.data/headers/demo.h", "int demo(void);\n")
                .file("Demo_Pkg-1.0.data/data/share/demo/helper.py", "HELP = 1\n")
                .file("Demo_Pkg-1.0.dist-info/entry_points.txt", """
                        [console_scripts]
                        demo-cli = demo_pkg:main
                        [gui_scripts]
                        demo-gui = demo_pkg.gui:App.run
                        """)
                .build(tmp);

        Path ours = tmp.resolve("ours");
        try (WheelSource source = WheelSource.open(wheel, ExpectedDigest.of(Files.size(wheel),
                WheelBuilder.sha256(wheel)))) {
            WheelInstaller.install(source, Destination.create(ours),
                    InstallOptions.of(python.get().toString()).compilingWith(python.get()));
        }
        Path theirs = tmp.resolve("pip");
        pipInstall(python.get(), wheel, theirs, true);

        assertSameTrees(theirs, ours);
        assertTrue(Files.isRegularFile(ours.resolve("bin/__pycache__/demo-tool."
                + "cpython-" + HostPython.majorMinor().orElseThrow().replace(".", "") + ".pyc")));
    }

    /** Same paths and, bytecode aside (pip writes timestamp-checked .pyc files), the same bytes and modes. */
    private static void assertSameTrees(Path pip, Path ours) throws IOException {
        Map<String, FileState> pipTree = tree(pip);
        Map<String, FileState> ourTree = new TreeMap<>();
        tree(ours).forEach((path, state) -> ourTree.put(pipLayout(path), state));
        assertEquals(pipTree.keySet(), ourTree.keySet());
        List<String> differing = new ArrayList<>();
        pipTree.forEach((path, state) -> {
            if (!path.endsWith(".pyc") && !state.equals(ourTree.get(path))) {
                differing.add(path + ": pip " + state + ", ours " + ourTree.get(path));
            }
        });
        assertEquals(List.of(), differing);
    }

    /** Our path as pip {@code --target} lays it out. */
    private static String pipLayout(String path) {
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

    private static void pipInstall(Path python, Path wheel, Path target, boolean compile)
            throws IOException, InterruptedException {
        Process pip = new ProcessBuilder(python.toString(), "-m", "pip", "install", "--no-deps",
                compile ? "--compile" : "--no-compile",
                "--no-index", "--disable-pip-version-check", "-q", "--target", target.toString(), wheel.toString())
                .redirectErrorStream(true).start();
        String output = new String(pip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(pip.waitFor() == 0, "pip could not install " + wheel + ":\n" + output);
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
