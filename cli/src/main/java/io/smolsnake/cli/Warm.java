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
        // a class, not a lambda: the first lambda a JVM links costs the thread that links it milliseconds
        Thread t = new Sha256();
        t.setDaemon(true);
        t.start();
    }

    private static final class Sha256 extends Thread {
        Sha256() {
            super("smolsnake-warm-sha256");
        }

        @Override
        public void run() {
            try {
                MessageDigest.getInstance("SHA-256").digest(new byte[64]);
            } catch (NoSuchAlgorithmException e) {
                // every Java runtime has SHA-256; the command reports it if it really is missing
            }
        }
    }
}
