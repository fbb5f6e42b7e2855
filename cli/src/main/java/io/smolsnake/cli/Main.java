package io.smolsnake.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code smolsnake} command line. Results go to stdout, progress and logs to stderr.
 * Exit codes: 0 success, 1 the job failed, 2 bad input.
 */
@Command(name = "smolsnake",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Side-loads Python dependencies into AWS Lambda from a shared EFS store.",
        subcommands = {CommandLine.HelpCommand.class, TagsCommand.class, LockCommand.class, InstallCommand.class, RunCommand.class,
                InvokeCommand.class, UpCommand.class, WorkerCommand.class})
public final class Main {
    /** The job failed (no solution, execution failed). */
    public static final int EXIT_FAILED = 1;
    /** The input was bad. */
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the process's stdout and stderr and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing results to {@code out} and messages to {@code err} (for tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        cli.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"smolsnake " + (v == null ? "(development build)" : v)};
        }
    }
}
