package io.smolsnake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.cli.deploy.DeployResult;
import io.smolsnake.cli.deploy.Deployer;
import io.smolsnake.cli.deploy.Follower;
import io.smolsnake.cli.deploy.SourceBundle;
import io.smolsnake.embedded.pipeline.LocalAws;
import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.pypackaging.tags.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The deploy path driven as {@code smolsnake deploy} and {@code replay} drive it, against one
 * embedded runtime shared by the class: a function whose smoke test fails keeps its alias, and a
 * failed install is redriven through the Step Functions API with only the failed package run again.
 */
class DeployAndReplayTest {
    @TempDir
    static Path dir;

    static Wheelhouse mirror;
    static LocalAws aws;

    @BeforeAll
    static void start() {
        mirror = new Wheelhouse(dir.resolve("mirror"));
        mirror.add("alpha", "1.0");
        mirror.add("epsilon", "1.0");
        mirror.add("zeta", "1.0");
        Map<String, String> index = mirror.simpleIndex(dir.resolve("simple"));
        aws = LocalAws.start(dir.resolve("home"), line -> { }, PipConfig.load(index, dir));
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void functionFailingItsSmokeTestKeepsTheAliasOnTheVersionThatPassed() throws IOException {
        FunctionProject project = FunctionProject.create(dir.resolve("smoky"), List.of("alpha"), List.of("alpha"))
                .smoke("{\"event\": {}, \"expect\": {\"alpha\": \"1.0\"}}");
        DeployResult good = deploy(project, "smoky");
        assertEquals("SUCCEEDED", good.status(), good.cause());

        Files.writeString(project.dir().resolve("extra.py"), "X = 1\n"); // new code: a new version
        project.smoke("{\"event\": {}, \"expect\": {\"alpha\": \"9.9\"}}");
        DeployResult bad = deploy(project, "smoky");

        assertEquals("FAILED", bad.status());
        assertEquals("Verify", bad.stage());
        assertEquals("Verify.SmokeFailed", bad.error());
        String prefix = "Verify failed for function smoky (alias live left unchanged): ";
        assertTrue(bad.cause().startsWith(prefix), bad.cause());
        // the Verify function's error message, as the CLI shows it, says what differed
        String message = bad.cause().substring(prefix.length());
        assertTrue(message.startsWith("smoky:" + bad.version() + ": the smoke event's result is not what the project"
                + " expects:\n  $.alpha: expected \"9.9\", got \"1.0\"\n"), message);
        assertEquals(good.version(), aws.lambda().getAlias(b -> b.functionName("smoky").name("live")).functionVersion());
    }

    @Test
    void redriveAfterAFailedInstallRunsOnlyThatInstallAgainAndSucceeds() throws IOException {
        Path zeta = mirror.dir().resolve("zeta-1.0-py3-none-any.whl");
        byte[] good = mirror.tamper(zeta); // the mirror serves altered bytes
        FunctionProject project = FunctionProject.create(dir.resolve("replayed"), List.of("epsilon", "zeta"),
                List.of("epsilon", "zeta")).smoke("{\"event\": {}}");
        DeployResult failed = deploy(project, "replayed");
        assertEquals("Install.HashMismatch", failed.error(), failed.cause());

        Files.write(zeta, good); // the mirror is repaired
        aws.sfn().redriveExecution(b -> b.executionArn(failed.executionArn()));
        DeployResult replayed = follower().follow(failed.executionArn(), Duration.ofMinutes(2), true);

        assertEquals("SUCCEEDED", replayed.status(), replayed.cause());
        List<HistoryEvent> history = aws.sfn().getExecutionHistoryPaginator(b -> b.executionArn(failed.executionArn()))
                .events().stream().toList();
        int redriven = history.indexOf(history.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN)
                .findFirst().orElseThrow());
        assertEquals(List.of("epsilon", "zeta"), installsRequested(history.subList(0, redriven)));
        // epsilon's install ran again only if the Map aborted it when zeta failed; a finished one is kept
        List<String> finishedBefore = installsFinished(history.subList(0, redriven));
        List<String> again = installsRequested(history.subList(redriven, history.size()));
        assertEquals(List.of("epsilon", "zeta"), java.util.stream.Stream.concat(finishedBefore.stream(), again.stream())
                .sorted().toList(), () -> "finished before " + finishedBefore + ", sent again " + again);
    }

    /** The packages whose install messages the history shows sent to the worker, sorted. */
    private static List<String> installsRequested(List<HistoryEvent> events) {
        return events.stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED)
                .map(e -> e.taskScheduledEventDetails().parameters())
                .map(DeployAndReplayTest::json)
                .filter(p -> p.path("MessageBody").path("type").asText().equals("install"))
                .map(p -> p.path("MessageBody").path("name").asText()).sorted().toList();
    }

    /** The packages the worker answered success for. */
    private static List<String> installsFinished(List<HistoryEvent> events) {
        return events.stream().filter(e -> e.type() == HistoryEventType.TASK_SUCCEEDED)
                .map(e -> json(e.taskSucceededEventDetails().output()))
                .filter(o -> o.has("name") && o.has("cached")).map(o -> o.path("name").asText()).sorted().toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DeployResult deploy(FunctionProject project, String function) {
        SourceBundle bundle = SourceBundle.of(project.dir());
        String runtime = "python" + Target.host().python();
        if (aws.lambda().listFunctions().functions().stream().noneMatch(f -> f.functionName().equals(function))) {
            aws.lambda().createFunction(b -> b.functionName(function).runtime(runtime).handler("handler.lambda_handler")
                    .role("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/" + function)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(bundle.bytes()))).timeout(60).memorySize(512)
                    .vpcConfig(v -> v.subnetIds("subnet-local").securityGroupIds("sg-local"))
                    .fileSystemConfigs(f -> f.arn(LocalAws.FILE_SYSTEM_ARN).localMountPath(LocalAws.MOUNT_PATH)));
        }
        Deployer.Started started = new Deployer(aws.s3(), aws.lambda(), aws.sfn(), line -> { }).start(bundle,
                new Deployer.Pipeline(aws.stateMachineArn(), LocalAws.ARTIFACT_BUCKET, LocalAws.FILE_SYSTEM_ARN,
                        LocalAws.MOUNT_PATH),
                new Deployer.Request(function, null, "live", Deployer.smoke(project.dir()), true));
        return follower().follow(started.executionArn(), Duration.ofMinutes(2), true);
    }

    private static Follower follower() {
        return new Follower(aws.sfn(), new PrintWriter(Writer.nullWriter()), false, Map.of(), Duration.ofMillis(100));
    }
}
