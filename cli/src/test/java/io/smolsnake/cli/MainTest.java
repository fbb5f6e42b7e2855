package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void helpListsEveryCommandEvenThoughARunRegistersOnlyItsOwn() {
        assertEquals(0, run("--help"));

        for (String command : new String[] {"tags", "lock", "install", "run", "invoke", "up", "deploy", "status",
                "replay", "worker"}) {
            assertTrue(out.toString().contains("\n  " + command + " "), () -> command + " missing from:\n" + out);
        }
    }

    @Test
    void anUnknownCommandIsBadInputThatSuggestsTheNearestOnes() {
        assertEquals(Main.EXIT_USAGE, run("deplyo", "x"));

        assertTrue(err.toString().startsWith("Unmatched arguments from index 0: 'deplyo', 'x'\n"
                + "Did you mean: smolsnake deploy or smolsnake replay?"), err.toString());
    }

    @Test
    void helpForOneCommandDescribesIt() {
        assertEquals(0, run("help", "lock"));

        assertTrue(out.toString().startsWith("Usage: smolsnake lock"), out.toString());
    }
}
