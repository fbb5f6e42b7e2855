package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.Tag;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagsCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void printsOnlyTheRuntimesTagsInPriorityOrder() {
        int exit = run("tags", "--runtime", "python3.12", "--arch", "arm64");

        assertEquals(0, exit, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(LambdaTarget.of("python3.12", "arm64").supportedTags().tags().stream().map(Tag::toString).toList(),
                lines);
        assertEquals("cp312-cp312-manylinux_2_34_aarch64", lines.get(0));
        assertEquals("py30-none-any", lines.get(lines.size() - 1));
        assertEquals("", err.toString());
    }

    @Test
    void printsTheMarkerEnvironmentAsJson() throws Exception {
        int exit = run("tags", "--runtime", "python3.9", "--markers");

        assertEquals(0, exit, err.toString());
        Map<?, ?> env = new ObjectMapper().readValue(out.toString(), Map.class);
        assertEquals(LambdaTarget.of("python3.9", "x86_64").markerEnvironment(), env);
    }

    @Test
    void defaultsToTheHost() {
        int exit = run("tags");

        if (exit == Main.EXIT_FAILED) {
            assertTrue(err.toString().startsWith("error: Cannot run 'python3'"), err.toString());
            return;
        }
        assertEquals(0, exit, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.size() > 10, out.toString());
        assertTrue(lines.stream().allMatch(l -> l.split("-").length == 3), out.toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            python3.8  | x86_64 | error: Unknown Lambda runtime 'python3.8'; valid runtimes: python3.9, python3.10, python3.11, python3.12, python3.13, python3.14 (or 'host' for the local python3)
            python3.12 | ppc64  | error: Unknown architecture 'ppc64'; valid architectures: x86_64, arm64
            """)
    void rejectsAnUnknownTargetWithExitTwo(String runtime, String arch, String message) {
        int exit = run("tags", "--runtime", runtime, "--arch", arch);

        assertEquals(Main.EXIT_USAGE, exit);
        assertEquals("", out.toString());
        assertEquals(message, err.toString().strip());
    }
}
