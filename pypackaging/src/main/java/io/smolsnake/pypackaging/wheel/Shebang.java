package io.smolsnake.pypackaging.wheel;

import java.nio.charset.StandardCharsets;

/**
 * The first line that replaces a script's {@code #!python} (or {@code #!pythonw}) line: a plain
 * {@code #!interpreter} where the kernel can run it, else the {@code /bin/sh} trampoline that
 * installers use for paths with spaces or longer than the kernel's shebang limit.
 */
final class Shebang {
    static final byte[] MARKER = "#!python".getBytes(StandardCharsets.US_ASCII);
    private static final int KERNEL_LIMIT = 127;

    private Shebang() {}

    static byte[] forInterpreter(String interpreter) {
        String simple = "#!" + interpreter + "\n";
        byte[] bytes = simple.getBytes(StandardCharsets.UTF_8);
        if (interpreter.indexOf(' ') < 0 && bytes.length <= KERNEL_LIMIT) {
            return bytes;
        }
        String quoted = "'" + interpreter.replace("'", "'\"'\"'") + "'";
        return ("#!/bin/sh\n'''exec' " + quoted + " \"$0\" \"$@\"\n' '''\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code buffer[0, length)} starts with {@code #!python}. */
    static boolean isPythonShebang(byte[] buffer, int length) {
        if (length < MARKER.length) {
            return false;
        }
        for (int i = 0; i < MARKER.length; i++) {
            if (buffer[i] != MARKER[i]) {
                return false;
            }
        }
        return true;
    }
}
