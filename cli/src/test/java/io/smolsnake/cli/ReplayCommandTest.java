package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.cli.LocalPipeline.Run;
import io.smolsnake.pypackaging.wheel.WheelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/** {@code smolsnake replay} on the whole pipeline on this machine. */
class ReplayCommandTest extends PipelineCommandTest {
    @Test
    void replayRunsTheFailedInstallAgainOnceItsCauseIsFixed() throws Exception {
        // given an index page that lists weather 1.0 with its hash and metadata file, while the file it
        // links to is damaged (a broken mirror): the lock succeeds, the install of weather fails
        Path files = Files.createDirectories(dir.resolve("mirror"));
        Path good = WheelBuilder.wheel("weather", "1.0").file("weather/__init__.py", "SKY = 'clear'\n")
                .build(Files.createDirectories(dir.resolve("good")));
        String metadata = "Metadata-Version: 2.1\nName: weather\nVersion: 1.0\n\nA test wheel.\n";
        Files.writeString(files.resolve(good.getFileName() + ".metadata"), metadata);
        Files.writeString(files.resolve(good.getFileName()), "truncated by a broken mirror",
                StandardCharsets.UTF_8);
        Files.writeString(pipeline.page, """
                <html><body>
                <a href="%s#sha256=%s" data-core-metadata="true">%s</a>
                </body></html>
                """.formatted(files.resolve(good.getFileName()).toUri(), WheelBuilder.sha256(good),
                good.getFileName()));
        pipeline.createFunction("replay-fn");
        Path project = pipeline.project("replay-fn", "hello smoke in red", "greeter", "weather");
        Run failed = pipeline.run("deploy", project.toString(), "--function", "replay-fn", "--json");
        assertEquals(Main.EXIT_FAILED, failed.exit(), failed.err());
        JsonNode first = JSON.readTree(failed.out());
        assertEquals("Install", first.path("stage").asText(), failed.out());

        // when the mirror is fixed and the execution replayed
        Files.copy(good, files.resolve(good.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Run replay = pipeline.run("replay", first.path("executionArn").asText(), "--json");

        // then the same execution is redriven: the Install map fails the execution itself, so only its failed
        // iterations run again and what succeeded is kept
        assertEquals(0, replay.exit(), replay.err());
        JsonNode result = JSON.readTree(replay.out());
        assertEquals("SUCCEEDED", result.path("status").asText(), replay.out());
        assertEquals(first.path("executionArn").asText(), result.path("executionArn").asText());
        assertTrue(replay.err().contains("redriving"), replay.err());
        // and a succeeded execution is not replayed again
        Run again = pipeline.run("replay", first.path("executionArn").asText());
        assertEquals(Main.EXIT_USAGE, again.exit(), again.err());
        assertEquals(1, pipeline.executions("replay-fn"));
        assertEquals("1", pipeline.aws.lambda().getAlias(b -> b.functionName("replay-fn").name("live"))
                .functionVersion());
    }

    @Test
    void anExecutionThatSucceededCannotBeReplayed() throws Exception {
        // given a deploy that succeeded
        pipeline.createFunction("done-fn");
        Path project = pipeline.project("done-fn", "hello smoke in red", "greeter");
        Run deploy = pipeline.run("deploy", project.toString(), "--function", "done-fn", "--json");
        assertEquals(0, deploy.exit(), deploy.err());
        String arn = JSON.readTree(deploy.out()).path("executionArn").asText();

        // when it is replayed
        Run replay = pipeline.run("replay", arn);

        // then that is bad input, with the reason
        assertEquals(Main.EXIT_USAGE, replay.exit(), replay.err());
        assertTrue(replay.err().startsWith("error: cannot replay " + arn + ": "), replay.err());
        assertTrue(replay.err().contains("SUCCEEDED"), replay.err());
        assertEquals("", replay.out());
    }

    @Test
    void anExecutionThatDoesNotExistIsBadInput() {
        String arn = pipeline.aws.stateMachineArn().replace(":stateMachine:", ":execution:") + ":no-such-run";

        Run replay = pipeline.run("replay", arn);

        assertEquals(Main.EXIT_USAGE, replay.exit(), replay.err());
        assertTrue(replay.err().startsWith("error: "), replay.err());
        assertTrue(replay.err().contains(arn), replay.err());
    }
}
