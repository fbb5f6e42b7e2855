package io.smolsnake.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code smolsnake} command line as a user runs it, with an environment of the test's choosing:
 * {@code $SMOLSNAKE_HOME} and pip's settings reach {@code run} through its environment seam instead of
 * the process's (which a test cannot set). Configured as {@link Main#run(PrintWriter, PrintWriter, String...)}.
 */
public final class Smolsnake {
    /** One command's exit code, stdout and stderr. */
    public record Result(int exitCode, String out, String err) {}

    private Smolsnake() {}

    public static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main(), new WithEnvironment(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> Main.EXIT_USAGE);
        cli.getCommandSpec().exitCodeOnInvalidInput(Main.EXIT_USAGE);
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return new Result(code, out.toString(), err.toString());
    }

    /** Builds the commands that read the environment with {@code env}; the others as picocli does. */
    private record WithEnvironment(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == RunCommand.class) {
                return cls.cast(new RunCommand(env));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
