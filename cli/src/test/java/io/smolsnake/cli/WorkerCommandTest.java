package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkerCommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --heartbeat=120 --visibility-timeout=60 | error: the heartbeat (120000 ms) must be shorter than the visibility timeout (60 s), or messages reappear while they are being worked on
            --concurrency=0                         | error: concurrency must be 1 to 256, got 0
            --visibility-timeout=0                  | error: the visibility timeout must be 1 s to 12 h, got 0 s
            """)
    void refusesSettingsThatCannotWork(String options, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = ("worker --queue-url http://localhost/q --store /tmp/s " + options).split(" ");

        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);

        assertEquals(Main.EXIT_USAGE, exit);
        assertEquals(message + "\n", err.toString());
    }
}
