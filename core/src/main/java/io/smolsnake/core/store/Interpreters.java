package io.smolsnake.core.store;

import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.PythonVersion;
import io.smolsnake.pypackaging.tags.Target;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The interpreters an installation names: the one scripts' {@code #!python} lines point at on the
 * target, and a local one of the target's Python version that compiles bytecode. A candidate found
 * on {@code PATH} is run once to confirm its version (a pyenv shim exists for versions it cannot run),
 * and its real executable ({@code sys.executable}) is what compiles: a pyenv shim starts some forty
 * processes before Python, for every wheel.
 */
final class Interpreters {
    private final String path;
    private final Map<String, Optional<Path>> confirmed = new ConcurrentHashMap<>();

    Interpreters(String path) {
        this.path = path == null ? "" : path;
    }

    /** {@code /var/lang/bin/python3.12} on Lambda; the host's {@code python3} by absolute path. */
    String scriptInterpreter(Target target) {
        if (target instanceof LambdaTarget lambda) {
            return "/var/lang/bin/python" + lambda.python();
        }
        return onPath("python3").map(Path::toString).orElse("/usr/bin/python3");
    }

    /**
     * Takes {@code executable} as the interpreter of {@code python} without asking PATH (the host's
     * own, which its probe named), when it is an executable file and none is known yet.
     */
    void known(PythonVersion python, Path executable) {
        if (Files.isRegularFile(executable) && Files.isExecutable(executable)) {
            confirmed.putIfAbsent(python.toString(), Optional.of(executable));
        }
    }

    /** The real executable of a local interpreter of {@code python}'s version, if one runs. */
    Optional<Path> bytecodePython(PythonVersion python) {
        String version = python.toString();
        return confirmed.computeIfAbsent(version, v -> onPath("python" + v).flatMap(exe -> realExecutable(exe, v)));
    }

    private Optional<Path> onPath(String command) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** {@code exe}'s {@code sys.executable} when it runs and is Python {@code version}. */
    private static Optional<Path> realExecutable(Path exe, String version) {
        try {
            Process process = new ProcessBuilder(exe.toString(), "-I", "-S", "-c",
                    "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.executable)")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String[] lines = out.split("\\R");
            if (process.exitValue() != 0 || !lines[0].strip().equals(version)) {
                return Optional.empty();
            }
            Path real = lines.length > 1 && !lines[1].isBlank() ? Path.of(lines[1].strip()) : exe;
            return Optional.of(Files.isExecutable(real) ? real : exe);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
