package io.smolsnake.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code smolsnake} command line. Results go to stdout, progress and logs to stderr.
 * Exit codes: 0 success, 1 the job failed, 2 bad input.
 *
 * <p>Start-up matters (a lock must take a fraction of pip's time), so the arguments are read by
 * {@link CommandSpec}, which reflects on nothing, and only the command that runs is loaded; help
 * loads them all.
 */
public final class Main {
    /** The commands, in the order help lists them. */
    static final List<String> COMMANDS = List.of("help", "tags", "lock", "install", "run", "invoke", "up", "deploy",
            "status", "replay", "worker");

    /** {@code help}'s parameter: the command to describe. */
    private static final Param<String> HELP_TOPIC =
            Param.positional("COMMAND", "The command to display the usage help message for.");

    /** The job failed (no solution, execution failed). */
    public static final int EXIT_FAILED = 1;
    /** The input was bad. */
    public static final int EXIT_USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args);
        String recording = System.getProperty("smolsnake.cds.record");
        if (recording != null && code == 0) {
            ArchiveTraining.load(recording);
        }
        System.exit(code);
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
        try {
            return dispatch(env, out, err, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int dispatch(Map<String, String> env, PrintWriter out, PrintWriter err, String[] args) {
        int first = 0;
        while (first < args.length && args[first].length() > 1 && args[first].charAt(0) == '-') {
            first++;
        }
        CommandSpec program = programSpec();
        ParsedArgs global;
        try {
            global = program.parse(Arrays.copyOf(args, first), 0);
        } catch (UsageException e) {
            return usageError(program, e, err);
        }
        if (global.helpRequested()) {
            out.print(Help.help(program, allSpecs()));
            return 0;
        }
        if (global.versionRequested()) {
            printVersion(out);
            return 0;
        }
        if (first == args.length) {
            err.println("Missing required subcommand");
            err.print(Help.help(program, allSpecs()));
            return EXIT_USAGE;
        }
        String name = args[first];
        CommandSpec spec = spec(name);
        if (spec == null) {
            return usageError(program, unknownCommand(name, first), err);
        }
        ParsedArgs parsed;
        try {
            parsed = spec.parse(args, first + 1);
        } catch (UsageException e) {
            return usageError(spec, e, err);
        }
        if (parsed.helpRequested()) {
            out.print(Help.help(spec, List.of()));
            return 0;
        }
        if (parsed.versionRequested()) {
            printVersion(out);
            return 0;
        }
        if (name.equals("help")) {
            return help(parsed, first + 1, out, err);
        }
        Command command = switch (name) {
            case "tags" -> new TagsCommand(parsed);
            case "lock" -> new LockCommand(parsed);
            case "install" -> new InstallCommand(env, parsed);
            case "run" -> new RunCommand(env, parsed);
            case "invoke" -> new InvokeCommand(parsed);
            case "up" -> new UpCommand(env, parsed);
            case "deploy" -> new DeployCommand(env, parsed);
            case "status" -> new StatusCommand(env, parsed);
            case "replay" -> new ReplayCommand(env, parsed);
            case "worker" -> new WorkerCommand(parsed);
            default -> throw new IllegalStateException("no command class for " + name);
        };
        try {
            return command.call(out, err);
        } catch (Exception e) {
            // a bug or an unforeseen failure: the trace, for a report, and exit 2 as under picocli
            e.printStackTrace(err);
            return EXIT_USAGE;
        }
    }

    /**
     * The spec of the command called {@code name}, or null when there is none. Only that command's
     * class is loaded.
     */
    static CommandSpec spec(String name) {
        return switch (name) {
            case "help" -> helpSpec();
            case "tags" -> TagsCommand.SPEC;
            case "lock" -> LockCommand.SPEC;
            case "install" -> InstallCommand.SPEC;
            case "run" -> RunCommand.SPEC;
            case "invoke" -> InvokeCommand.SPEC;
            case "up" -> UpCommand.SPEC;
            case "deploy" -> DeployCommand.SPEC;
            case "status" -> StatusCommand.SPEC;
            case "replay" -> ReplayCommand.SPEC;
            case "worker" -> WorkerCommand.SPEC;
            default -> null;
        };
    }

    /** {@code smolsnake} itself: its options, before the command. */
    static CommandSpec programSpec() {
        return CommandSpec.of(CommandSpec.PROGRAM,
                List.of("Side-loads Python dependencies into AWS Lambda from a shared EFS store."), List.of());
    }

    private static CommandSpec helpSpec() {
        return CommandSpec.of("help", List.of("Display help information about the specified command."), List.of(),
                HELP_TOPIC);
    }

    private static List<CommandSpec> allSpecs() {
        List<CommandSpec> all = new ArrayList<>(COMMANDS.size());
        for (String name : COMMANDS) {
            all.add(spec(name));
        }
        return all;
    }

    /** {@code smolsnake help [COMMAND]}: the command's help, or the program's. */
    private static int help(ParsedArgs parsed, int index, PrintWriter out, PrintWriter err) {
        String name = parsed.get(HELP_TOPIC);
        if (name == null) {
            out.print(Help.help(programSpec(), allSpecs()));
            return 0;
        }
        CommandSpec spec = spec(name);
        if (spec == null) {
            return usageError(programSpec(), unknownCommand(name, index), err);
        }
        out.print(Help.help(spec, List.of()));
        return 0;
    }

    private static UsageException unknownCommand(String name, int index) {
        List<String> close = DidYouMean.among(name, COMMANDS);
        List<String> qualified = new ArrayList<>(close.size());
        for (String c : close) {
            qualified.add(CommandSpec.PROGRAM + " " + c);
        }
        return new UsageException("Unknown command: '" + name + "'"
                + (close.isEmpty() ? "" : "\nDid you mean: " + DidYouMean.either(qualified) + "?"), name, index);
    }

    /** The message, the command's usage line and where to read more, on stderr; exit code 2. */
    private static int usageError(CommandSpec spec, UsageException e, PrintWriter err) {
        err.println(e.getMessage());
        boolean program = spec.name().equals(CommandSpec.PROGRAM);
        err.print(Help.usage(spec, program));
        if (program) {
            StringBuilder commands = new StringBuilder("Commands: ");
            Help.wrap(commands, String.join(", ", COMMANDS), commands.length(), 2);
            err.print(commands);
        }
        err.println("Try '" + spec.displayName() + " --help' for more information.");
        return EXIT_USAGE;
    }

    private static void printVersion(PrintWriter out) {
        String v = Main.class.getPackage().getImplementationVersion();
        out.print("smolsnake ");
        out.println(v == null ? "(development build)" : v);
    }
}
