package io.smolsnake.pypackaging.wheel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Compiles installed modules with the target's own Python:
 * {@code python -I -S -m compileall -q --invalidation-mode unchecked-hash <top-level entries>},
 * run in the destination with relative paths so the bytecode does not depend on where the store
 * entry was built. This is the one-shot command, one Python per wheel; {@link BytecodeCompilers}
 * keeps processes that do the same for many wheels. A pool of worker processes per wheel
 * ({@code -j 0}) cost more CPU starting than it saved. {@code -I} keeps the wheel's own modules
 * (a backport named {@code enum.py}) off the compiler's {@code sys.path}.
 */
final class Bytecode {
    private static final int MAX_REPORTED_OUTPUT = 2000;

    private Bytecode() {}

    /**
     * Compiles the {@code .py} files below {@code targets} (relative to {@code root}).
     *
     * @return a warning when compileall reported errors (it still compiles what it can)
     */
    static Optional<String> compile(Path python, Path root, List<String> targets)
            throws IOException, InterruptedException {
        return compile(python, root, targets, null, null);
    }

    /** The same, killing the process after {@code timeout} when {@code watchdog} is given. */
    static Optional<String> compile(Path python, Path root, List<String> targets, Duration timeout,
            ScheduledExecutorService watchdog) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(), "-I", "-S", "-m", "compileall", "-q",
                "--invalidation-mode", "unchecked-hash"));
        command.addAll(targets);
        Process process = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        ScheduledFuture<?> kill = watchdog == null ? null
                : watchdog.schedule(process::destroyForcibly, timeout.toMillis(), TimeUnit.MILLISECONDS);
        String output;
        int exit;
        try {
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            exit = process.waitFor();
        } finally {
            if (kill != null) {
                kill.cancel(false);
            }
        }
        if (kill != null && kill.isDone() && !kill.isCancelled()) {
            return Optional.of("bytecode compilation with " + python + " did not finish within " + timeout
                    + " and was stopped; modules it had not compiled yet are installed without bytecode");
        }
        return warning(python, exit, output);
    }

    /** The warning for compileall's {@code exit} status and {@code output}, if it failed. */
    static Optional<String> warning(Path python, int exit, String output) {
        if (exit == 0) {
            return Optional.empty();
        }
        String shown = output.length() > MAX_REPORTED_OUTPUT
                ? output.substring(0, MAX_REPORTED_OUTPUT) + "…"
                : output;
        return Optional.of("bytecode compilation with " + python + " reported errors (exit " + exit
                + "); modules that failed to compile are installed without bytecode:\n" + shown.strip());
    }

    /** Whether {@code python} can be run. */
    static boolean usable(Path python) {
        return Files.isRegularFile(python) && Files.isExecutable(python);
    }
}
