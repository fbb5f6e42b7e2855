package io.smolsnake.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Start-up work a short command will need shortly, done meanwhile on another core. */
final class Warm {
    private Warm() {}

    /** Bytes {@link #sha256Compiled()} hashes: enough calls of SHA-256's block function for C2 to take it. */
    static final int COMPILE_BYTES = 1 << 20;

    /**
     * Loads the security providers (~15 ms on a cold JVM, on the first {@code MessageDigest}) on a
     * daemon thread; a command that reaches its first digest sooner waits for the same load, no longer.
     */
    static void sha256() {
        start(new Sha256(64));
    }

    /**
     * As {@link #sha256()}, and hashes {@link #COMPILE_BYTES} on that thread, so that C2 compiles
     * SHA-256's block function (with the CPU's SHA instructions, bin/smolsnake's scaled threshold)
     * before the first wheel is hashed rather than during it: installing botocore's 16 MB wheel, its
     * hash was checked at C1's speed, several times slower.
     */
    static void sha256Compiled() {
        start(new Sha256(COMPILE_BYTES));
    }

    private static void start(Thread t) {
        // a class, not a lambda: the first lambda a JVM links costs the thread that links it milliseconds
        t.setDaemon(true);
        t.start();
    }

    private static final class Sha256 extends Thread {
        private final int bytes;

        Sha256(int bytes) {
            super("smolsnake-warm-sha256");
            this.bytes = bytes;
        }

        @Override
        public void run() {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                // in pieces of 1 KiB: the loop over a piece's blocks is a method C2 takes too, after
                // as many calls as the block function
                byte[] block = new byte[Math.min(bytes, 1024)];
                for (int done = 0; done < bytes; done += block.length) {
                    sha256.update(block);
                }
                sha256.digest();
            } catch (NoSuchAlgorithmException e) {
                // every Java runtime has SHA-256; the command reports it if it really is missing
            }
        }
    }
}
