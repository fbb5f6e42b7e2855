package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.cli.LocalPipeline.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code smolsnake status} on executions of the whole pipeline on this machine. */
class StatusCommandTest extends PipelineCommandTest {
    @Test
    void showsAFinishedExecutionAsDeployShowedIt() throws Exception {
        // given a deploy that succeeded
        pipeline.createFunction("status-fn");
        Path project = pipeline.project("status-fn", "hello smoke in red", "greeter");
        Run deploy = pipeline.run("deploy", project.toString(), "--function", "status-fn", "--json");
        assertEquals(0, deploy.exit(), deploy.err());

        // when its status is asked for
        JsonNode deployed = JSON.readTree(deploy.out());
        Run status = pipeline.run("status", deployed.path("executionArn").asText(), "--json");

        // then it is the same result, and the same progress lines
        assertEquals(0, status.exit(), status.err());
        JsonNode shown = JSON.readTree(status.out());
        for (String field : new String[] {"status", "executionArn", "function", "version", "stage", "packages",
                "installed", "cached", "bundleBytes", "environment", "verify"}) {
            assertEquals(deployed.get(field), shown.get(field), field);
        }
        assertTrue(status.err().contains("Lock: 2 packages"), status.err());
        assertTrue(status.err().contains("SUCCEEDED in "), status.err());
    }

    @Test
    void aFailedExecutionExitsOneWithTheStageAndTheReason() throws Exception {
        // given a deploy whose smoke test failed
        pipeline.createFunction("status-failed-fn");
        Path project = pipeline.project("status-failed-fn", "hello smoke in green", "greeter");
        Run deploy = pipeline.run("deploy", project.toString(), "--function", "status-failed-fn", "--json");
        assertEquals(Main.EXIT_FAILED, deploy.exit(), deploy.err());
        String arn = JSON.readTree(deploy.out()).path("executionArn").asText();

        // when its status is asked for
        Run status = pipeline.run("status", arn);

        // then it says where and why it failed, and how to run it again
        assertEquals(Main.EXIT_FAILED, status.exit(), status.err());
        assertTrue(status.out().startsWith("status: FAILED\nexecution: " + arn + "\n"), status.out());
        assertTrue(status.err().contains("FAILED at Verify: Verify.SmokeFailed: "), status.err());
        assertTrue(status.err().contains("smolsnake replay " + arn), status.err());
    }

    @Test
    void underGitHubActionsGroupsTheStagesFlagsTheFailureAndWritesTheStepSummary() throws Exception {
        // given a deploy that failed, followed in a GitHub Actions job
        pipeline.createFunction("github-fn");
        Path project = pipeline.project("github-fn", "hello smoke in grey", "greeter");
        Path summary = dir.resolve("step-summary.md");
        Map<String, String> env = new HashMap<>(pipeline.env());
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());

        Run deploy = LocalPipeline.run(env, "deploy", project.toString(), "--function", "github-fn");

        // then each stage is a group, the failure an error annotation, and the summary a table
        assertEquals(Main.EXIT_FAILED, deploy.exit(), deploy.err());
        assertTrue(deploy.err().contains("::group::smolsnake Lock\n"), deploy.err());
        assertTrue(deploy.err().contains("::group::smolsnake Verify\n"), deploy.err());
        assertTrue(deploy.err().contains("::error title=smolsnake Verify failed::Verify.SmokeFailed: "),
                deploy.err());
        String table = Files.readString(summary);
        assertTrue(table.startsWith("### smolsnake deploy: FAILED\n"), table);
        assertTrue(table.contains("| function | github-fn |"), table);
    }

    @Test
    void anExecutionThatDoesNotExistIsBadInput() {
        String arn = pipeline.aws.stateMachineArn().replace(":stateMachine:", ":execution:") + ":no-such-run";

        Run status = pipeline.run("status", arn);

        assertEquals(Main.EXIT_USAGE, status.exit(), status.err());
        assertTrue(status.err().startsWith("error: "), status.err());
        assertTrue(status.err().contains(arn), status.err());
        assertEquals("", status.out());
    }
}
