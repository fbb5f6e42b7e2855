package io.smolsnake.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Start-up work a short command will need shortly, done meanwhile on another core. */
final class Warm {
    private Warm() {}

    /**
     * Loads the security providers (~15 ms on a cold JVM, on the first {@code MessageDigest}) on a
     * daemon thread; a command that reaches its first digest sooner waits for the same load, no longer.
     */
    static void sha256() {
        Thread t = new Thread(() -> {
            try {
                MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                // every Java runtime has SHA-256; the command reports it if it really is missing
            }
        }, "smolsnake-warm-sha256");
        t.setDaemon(true);
        t.start();
    }
}
