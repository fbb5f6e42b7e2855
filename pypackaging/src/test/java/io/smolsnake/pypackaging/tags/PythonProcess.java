package io.smolsnake.pypackaging.tags;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the host's python3 for tests that compare with pypa/packaging; skips when it or packaging is missing. */
final class PythonProcess {
    private PythonProcess() {}

    /** The lines {@code script} prints; the calling test is skipped (with the reason) without python3 and packaging. */
    static List<String> linesWithPackaging(String script, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "python3";
        command[1] = "-c";
        command[2] = script;
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process check = new ProcessBuilder("python3", "-c", "import packaging.tags").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
                skip("pypa/packaging is not importable by the host's python3");
            }
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("python3 failed running the reference script");
            }
            return out.lines().toList();
        } catch (IOException e) {
            skip("python3 cannot be run: " + e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void skip(String reason) {
        System.err.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
