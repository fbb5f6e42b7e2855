package io.smolsnake.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * The {@code smolsnake} command line as a user runs it, with an environment of the test's choosing:
 * {@code $SMOLSNAKE_HOME} and pip's settings reach {@code run} through its environment seam instead of
 * the process's (which a test cannot set), through {@link Main}'s own environment seam.
 */
public final class Smolsnake {
    /** One command's exit code, stdout and stderr. */
    public record Result(int exitCode, String out, String err) {}

    private Smolsnake() {}

    public static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
