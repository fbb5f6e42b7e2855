package io.smolsnake.pypackaging.wheel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The host's {@code python3} (its real executable, not a shim), where there is one. */
final class HostPython {
    private HostPython() {}

    static Optional<Path> executable() {
        return run("import sys; print(sys.executable)").map(Path::of).filter(Files::isExecutable);
    }

    /** The directory of the {@code packaging} package the host's python3 has installed from its wheel. */
    static Optional<Path> packagingSources() {
        return run("import packaging; print(packaging.__path__[0])").map(Path::of).filter(Files::isDirectory);
    }

    /** Whether {@code python3 -m pip} works. */
    static boolean hasPip() {
        return run("import pip; print(pip.__version__)").isPresent();
    }

    /** {@code sys.version_info[:2]} as {@code 3.11}. */
    static Optional<String> majorMinor() {
        return run("import sys; print('%d.%d' % sys.version_info[:2])");
    }

    private static Optional<String> run(String code) {
        try {
            Process p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
