package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.cli.LocalPipeline.Run;
import io.smolsnake.embedded.pipeline.LocalAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code smolsnake deploy} against the whole pipeline on this machine, reached through the endpoint variables. */
class DeployCommandTest extends PipelineCommandTest {
    @Test
    void deploysTheProjectAndPrintsTheResultAsOneJsonObject() throws Exception {
        // given a function on the pipeline's Lambda and a project that needs greeter (and so colours)
        pipeline.createFunction("json-fn");
        Path project = pipeline.project("json-fn", "hello smoke in red", "greeter");

        // when it is deployed with --json
        Run run = pipeline.run("deploy", project.toString(), "--function", "json-fn", "--json");

        // then it succeeds, and stdout is the result
        assertEquals(0, run.exit(), run.err());
        JsonNode result = JSON.readTree(run.out());
        assertEquals("SUCCEEDED", result.path("status").asText(), run.out());
        assertEquals("json-fn", result.path("function").asText());
        assertEquals("1", result.path("version").asText());
        assertEquals(2, result.path("packages").asInt());
        assertEquals(2, result.path("installed").asInt() + result.path("cached").asInt(), run.out());
        assertTrue(result.path("bundleBytes").asLong() > 0, run.out());
        assertTrue(result.path("environment").asText().startsWith(LocalAws.MOUNT_PATH + "/"), run.out());
        assertTrue(result.path("executionArn").asText().startsWith("arn:aws:states:" + LocalAws.REGION + ":"),
                run.out());
        assertEquals("live", result.path("verify").path("alias").asText(), run.out());
        // the alias the callers invoke now points at the verified version
        assertEquals("1", pipeline.aws.lambda().getAlias(b -> b.functionName("json-fn").name("live"))
                .functionVersion());
    }

    @Test
    void runningTheSameDeployAgainFollowsTheExecutionItStarted() throws Exception {
        // given a deploy that succeeded
        pipeline.createFunction("again-fn");
        Path project = pipeline.project("again-fn", "hello smoke in red", "greeter");
        Run first = pipeline.run("deploy", project.toString(), "--function", "again-fn");
        assertEquals(0, first.exit(), first.err());

        // when the same deploy runs again
        Run second = pipeline.run("deploy", project.toString(), "--function", "again-fn");

        // then it shows the first execution's result without starting another
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.err().contains("The same deploy ran already"), second.err());
        assertEquals(1, pipeline.executions("again-fn"));
        assertEquals(first.out(), second.out());
    }

    @Test
    void withNoWaitPrintsTheExecutionArnAndReturnsAtOnce() throws Exception {
        // given a function and its project
        pipeline.createFunction("nowait-fn");
        Path project = pipeline.project("nowait-fn", "hello smoke in red", "greeter");

        // when it is deployed with --no-wait
        Run run = pipeline.run("deploy", project.toString(), "--function", "nowait-fn", "--no-wait");

        // then stdout is only the execution's ARN, which status can follow to the end
        assertEquals(0, run.exit(), run.err());
        String arn = run.out().strip();
        assertTrue(arn.matches("arn:aws:states:[^:]+:\\d+:execution:[^:]+:deploy-nowait-fn-[0-9a-f]+"), run.out());
        Run status = pipeline.run("status", arn, "--wait");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("status: SUCCEEDED"), status.out());
    }

    @Test
    void takesItsSettingsFromPyprojectWhenNeitherFlagsNorVariablesGiveThem() throws Exception {
        // given a project that names the pipeline and the function in [tool.smolsnake], and no SMOLSNAKE_ variables
        pipeline.createFunction("toml-fn");
        Path project = pipeline.project("toml-fn", "hello smoke in red", "greeter");
        Files.writeString(project.resolve("pyproject.toml"), Files.readString(project.resolve("pyproject.toml")) + """
                [tool.smolsnake]
                state-machine-arn = "%s"
                artifact-bucket = "%s"
                file-system-arn = "%s"
                function = "toml-fn"
                alias = "prod"
                """.formatted(pipeline.aws.stateMachineArn(), LocalAws.ARTIFACT_BUCKET, LocalAws.FILE_SYSTEM_ARN));
        Map<String, String> env = new HashMap<>(pipeline.env());
        env.keySet().removeIf(k -> k.startsWith("SMOLSNAKE_"));

        // when it is deployed with no flags
        Run run = LocalPipeline.run(env, "deploy", project.toString());

        // then the pipeline, function and alias come from the file
        assertEquals(0, run.exit(), run.err());
        assertEquals("1", pipeline.aws.lambda().getAlias(b -> b.functionName("toml-fn").name("prod"))
                .functionVersion());
    }

    @Test
    void aMissingSettingIsBadInputNamingTheFlagTheVariableAndTheKey() throws Exception {
        // given a project with no [tool.smolsnake] and an environment with endpoints but no SMOLSNAKE_ variables
        Path project = pipeline.project("unset-fn", "hello smoke in red", "greeter");
        Map<String, String> env = new HashMap<>(pipeline.env());
        env.keySet().removeIf(k -> k.startsWith("SMOLSNAKE_"));

        // when it is deployed
        Run run = LocalPipeline.run(env, "deploy", project.toString());

        // then nothing starts, and the message lists every missing setting with the three places to set it
        assertEquals(Main.EXIT_USAGE, run.exit());
        Path pyproject = project.resolve("pyproject.toml");
        assertEquals("""
                error: missing 3 settings:
                  the pipeline's state machine (terraform output state_machine_arn of the pipeline module): give\
                 --state-machine-arn, set SMOLSNAKE_STATE_MACHINE_ARN, or set state-machine-arn under\
                 [tool.smolsnake] in %1$s
                  the pipeline's artifact bucket (terraform output artifact_bucket of the pipeline module): give\
                 --artifact-bucket, set SMOLSNAKE_ARTIFACT_BUCKET, or set artifact-bucket under [tool.smolsnake]\
                 in %1$s
                  the Lambda function to deploy to: give --function, set SMOLSNAKE_FUNCTION, or set function under\
                 [tool.smolsnake] in %1$s
                """.formatted(pyproject), run.err());
        assertEquals("", run.out());
        assertEquals(0, pipeline.executions("unset-fn"));
    }

    @Test
    void aFailingSmokeTestFailsTheDeployAndLeavesTheAliasWhereItWas() throws Exception {
        // given a function deployed once, its alias on version 1
        pipeline.createFunction("smoke-fn");
        Path project = pipeline.project("smoke-fn", "hello smoke in red", "greeter");
        Run first = pipeline.run("deploy", project.toString(), "--function", "smoke-fn");
        assertEquals(0, first.exit(), first.err());

        // when a change makes the smoke test fail
        LocalPipeline.smoke(project, "hello smoke in blue");
        Run run = pipeline.run("deploy", project.toString(), "--function", "smoke-fn", "--json");

        // then the deploy fails at Verify, says why and how to run it again, and the alias stays on version 1
        assertEquals(Main.EXIT_FAILED, run.exit(), run.err());
        JsonNode result = JSON.readTree(run.out());
        assertEquals("FAILED", result.path("status").asText());
        assertEquals("Verify", result.path("stage").asText());
        assertNotNull(result.path("error").asText(null), run.out());
        assertTrue(run.err().contains("FAILED at Verify: "), run.err());
        assertTrue(run.err().contains("hello smoke in blue"), run.err());
        assertTrue(run.err().contains("smolsnake replay " + result.path("executionArn").asText()), run.err());
        assertEquals("1", pipeline.aws.lambda().getAlias(b -> b.functionName("smoke-fn").name("live"))
                .functionVersion());
    }

    @Test
    void aFunctionThatDoesNotExistIsBadInput() throws Exception {
        Path project = pipeline.project("ghost-fn", "hello smoke in red", "greeter");

        Run run = pipeline.run("deploy", project.toString(), "--function", "ghost-fn");

        assertEquals(Main.EXIT_USAGE, run.exit());
        assertTrue(run.err().contains("The function ghost-fn does not exist"), run.err());
    }
}
