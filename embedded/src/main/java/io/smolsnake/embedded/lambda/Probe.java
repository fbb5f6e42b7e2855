package io.smolsnake.embedded.lambda;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the host offers: interpreters on {@code PATH}, unprivileged mount namespaces. */
final class Probe {
    private Probe() {}

    static boolean onPath(String program, String path) {
        String search = path == null ? "/usr/local/bin:/usr/bin:/bin" : path;
        for (String dir : search.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The {@code unshare} prefix that gives a process its own mount namespace. */
    static List<String> unshare() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return root ? List.of("unshare", "--mount", "--propagation", "private")
                : List.of("unshare", "--user", "--map-root-user", "--mount", "--propagation", "private");
    }

    static boolean mountNamespaces() {
        if (!onPath("unshare", System.getenv("PATH"))) {
            return false;
        }
        List<String> command = new java.util.ArrayList<>(unshare());
        command.addAll(List.of("sh", "-c", "mount -t tmpfs smolsnake /mnt"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
