package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The host's {@code python3}, running a script on an environment's {@code sys.path} as the bootstrap will. */
final class Python {
    private Python() {}

    /** The bootstrap's few lines: each {@code paths.txt} line goes through {@code site.addsitedir}. */
    static final String BOOTSTRAP = """
            import os, site, sys
            env = sys.argv[1]
            with open(os.path.join(env, 'paths.txt')) as f:
                for line in f.read().splitlines():
                    if line:
                        site.addsitedir(os.path.normpath(os.path.join(env, line)))
            """;

    /** Runs {@code script} after {@link #BOOTSTRAP} for {@code environment}; returns stdout, or fails. */
    static String run(Path environment, String script) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(List.of("python3", "-I", "-S", "-c", BOOTSTRAP + script,
                    environment.toString()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not available: " + e.getMessage());
            throw e;
        }
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new AssertionError("python3 exited with " + exit + ":\n" + out);
        }
        return out.strip();
    }
}
