package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void helpListsEveryCommandEvenThoughARunLoadsOnlyItsOwn() {
        assertEquals(0, run("--help"));

        for (String command : new String[] {"tags", "lock", "install", "run", "invoke", "up", "deploy", "status",
                "replay", "worker"}) {
            assertTrue(out.toString().contains("\n  " + command + " "), () -> command + " missing from:\n" + out);
        }
    }

    @Test
    void anUnknownCommandIsBadInputThatSuggestsTheNearestAndListsThemAll() {
        assertEquals(Main.EXIT_USAGE, run("deplyo", "x"));

        assertEquals("""
                Unknown command: 'deplyo'
                Did you mean: smolsnake deploy?
                Usage: smolsnake [-hV] [COMMAND]
                Commands: help, tags, lock, install, run, invoke, up, deploy, status, replay,
                  worker
                Try 'smolsnake --help' for more information.
                """, err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void helpForOneCommandDescribesIt() {
        assertEquals(0, run("help", "lock"));

        assertTrue(out.toString().startsWith("Usage: smolsnake lock"), out.toString());
    }

    @Test
    void helpForAnUnknownCommandIsBadInput() {
        assertEquals(Main.EXIT_USAGE, run("help", "lokc"));

        assertTrue(err.toString().startsWith("Unknown command: 'lokc'\nDid you mean: smolsnake lock?\n"),
                err.toString());
    }

    @Test
    void noCommandIsBadInputThatShowsTheHelp() {
        assertEquals(Main.EXIT_USAGE, run());

        assertTrue(err.toString().startsWith("Missing required subcommand\nUsage: smolsnake [-hV] [COMMAND]\n"),
                err.toString());
        assertTrue(err.toString().contains("\n  worker "), err.toString());
    }

    @ParameterizedTest
    @CsvSource({"--version", "-V", "lock -V", "worker --version"})
    void printsTheVersionAlone(String line) {
        assertEquals(0, run(line.split(" ")));

        assertEquals("smolsnake (development build)\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void aUsageErrorGivesTheReasonTheUsageAndWhereToReadMoreOnStderr() {
        int exit = run("install", "--store", "s", "--jobs", "x");

        assertEquals(Main.EXIT_USAGE, exit);
        assertEquals("""
                Invalid value for option '--jobs': 'x' is not an int
                Usage: smolsnake install [-hV] [--lock=FILE] --store=DIR [--no-compile] [-j=N]
                                         [--json] [PROJECT_DIR]
                Try 'smolsnake install --help' for more information.
                """, err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void anUnknownOptionSuggestsTheNearest() {
        int exit = run("lock", "--no-pip-conifg");

        assertEquals(Main.EXIT_USAGE, exit);
        assertTrue(err.toString().startsWith("Unknown option: '--no-pip-conifg'\nDid you mean: --no-pip-config?\n"
                + "Usage: smolsnake lock [-hV]"), err.toString());
    }

    @Test
    void aCommandsHelpHasItsUsageDescriptionOptionsAndExitCodes() {
        assertEquals(0, run("status", "--help"));

        assertEquals("""
                Usage: smolsnake status [-hV] [--wait] [--json] EXECUTION_ARN
                Show a pipeline execution as deploy follows it: the stage, the installs, the
                result.
                      EXECUTION_ARN   The execution (deploy prints it).
                      --wait          Follow a running execution until it ends.
                      --json          Print the result as one JSON object on stdout.
                  -h, --help          Show this help message and exit.
                  -V, --version       Print version information and exit.

                Exit codes:
                  0   the execution succeeded
                  1   it failed, timed out or was aborted (the stage and reason are printed), or
                        is still running
                  2   bad input (no such execution, ...)
                """, out.toString());
    }

    static final List<String> COMMANDS = Main.COMMANDS;

    @ParameterizedTest
    @FieldSource("COMMANDS")
    void everyCommandsHelpListsEachOptionWithItsWholeDescription(String command) {
        assertEquals(0, run(command, "-h"));

        String help = out.toString().replaceAll("\\s+", " ");
        CommandSpec spec = Main.spec(command);
        assertEquals(command, spec.name());
        for (Param<?> p : spec.params()) {
            String names = p.positional() ? (p.arity() == Param.Arity.REQUIRED ? p.label() : "[" + p.label() + "]")
                    : (p.shortName() == null ? "" : p.shortName() + ", ") + p.longName()
                            + (p.label() == null ? "" : "=" + p.label());
            String description = String.join(" ", p.description()).replaceAll("\\s+", " ");
            if (p.defaultValue() != null) {
                description = description.replace("${DEFAULT-VALUE}", p.defaultValue());
            }
            assertTrue(help.contains(names + " " + description), () -> names + " missing from:\n" + out);
        }
    }
}
