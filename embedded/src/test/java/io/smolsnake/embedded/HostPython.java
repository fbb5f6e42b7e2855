package io.smolsnake.embedded;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The host's python3 for tests that drive an embedded service with boto3. */
public final class HostPython {
    private HostPython() {}

    /** Starts {@code python3 args…} without the caller's AWS_* variables (the script names its endpoint). */
    public static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        return pb.start();
    }

    /** Whether python3 can import boto3 here. */
    public static boolean hasBoto3() {
        try {
            Process p = start("-c", "import boto3");
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
