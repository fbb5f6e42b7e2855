package io.smolsnake.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code smolsnake} command line. Results go to stdout, progress and logs to stderr.
 * Exit codes: 0 success, 1 the job failed, 2 bad input.
 */
@Command(name = "smolsnake",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Side-loads Python dependencies into AWS Lambda from a shared EFS store.")
public final class Main {
    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(CommandLine.HelpCommand.class, TagsCommand.class,
            LockCommand.class, InstallCommand.class, RunCommand.class, InvokeCommand.class, UpCommand.class,
            DeployCommand.class, StatusCommand.class, ReplayCommand.class, WorkerCommand.class);

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
        return run(System.getenv(), out, err, args);
    }

    /**
     * As {@link #run(PrintWriter, PrintWriter, String...)}, with {@code env} in place of the process
     * environment for the commands that take one (tests point them at an embedded runtime).
     */
    static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        Factory factory = new Factory(env);
        CommandLine cli = new CommandLine(new Main(), factory);
        // picocli reads every registered command's annotations up front; a run of one command
        // registers just that one, which saves a good part of a short command's start
        String first = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
        List<Class<?>> needed = COMMANDS.stream().filter(c -> name(c).equals(first)).toList();
        for (Class<?> command : needed.isEmpty() || first.equals("help") ? COMMANDS : needed) {
            cli.addSubcommand(new CommandLine(command, factory));
        }
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

    private static String name(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        return c == null ? "" : c.name();
    }

    /** Builds the commands that read the environment with {@code env}, the others as picocli does. */
    private record Factory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> withEnv = cls.getDeclaredConstructor(Map.class);
                return withEnv.newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
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
