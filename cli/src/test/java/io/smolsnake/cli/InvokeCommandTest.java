package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeCommandTest {
    @TempDir
    Path dir;
    Path project;
    Path env;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void project() throws IOException {
        project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("pyproject.toml"), """
                [project]
                name = "demo"
                version = "0.1"
                [tool.smolsnake]
                runtime = "python3.11"
                handler = "app.handler"
                """);
        Files.writeString(project.resolve("app.py"), """
                import tinypkg
                def handler(event, context):
                    print("computing for", event["who"])
                    if event.get("fail"):
                        raise RuntimeError("no such city")
                    return {"hello": event["who"], "answer": tinypkg.ANSWER}
                """);
        env = dir.resolve("env");
        Files.createDirectories(env.resolve("site-packages/tinypkg"));
        Files.writeString(env.resolve("site-packages/tinypkg/__init__.py"), "ANSWER = 42\n");
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void printsTheResultAndSendsTheFunctionsLogsToStderr() throws IOException {
        Path event = Files.writeString(dir.resolve("event.json"), "{\"who\": \"ana\"}");

        int exit = run("invoke", project.toString(), "--event", event.toString(), "--env", env.toString());

        assertEquals(0, exit, err.toString());
        assertEquals("{\"hello\": \"ana\", \"answer\": 42}\n", out.toString());
        assertTrue(err.toString().contains("computing for ana"), err.toString());
        assertTrue(err.toString().contains("REPORT RequestId: "), err.toString());
    }

    @Test
    void printsTheErrorDocumentAndFailsWhenTheHandlerRaises() throws IOException {
        Path event = Files.writeString(dir.resolve("event.json"), "{\"who\": \"ana\", \"fail\": true}");

        int exit = run("invoke", project.toString(), "--event", event.toString(), "--env", env.toString());

        assertEquals(Main.EXIT_FAILED, exit);
        assertTrue(out.toString().startsWith("{\"errorMessage\":\"no such city\",\"errorType\":\"RuntimeError\""),
                out.toString());
    }

    @Test
    void refusesAProjectWithoutAHandler() throws IOException {
        Files.writeString(project.resolve("pyproject.toml"), "[project]\nname = \"demo\"\nversion = \"0.1\"\n");

        int exit = run("invoke", project.toString(), "--env", env.toString());

        assertEquals(Main.EXIT_USAGE, exit);
        assertEquals("error: no handler: set handler = \"module.function\" under [tool.smolsnake] in "
                + project.resolve("pyproject.toml") + " or pass --handler\n", err.toString());
    }
}
