package io.smolsnake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smolsnake.install.InstallService;
import io.smolsnake.install.Worker;
import io.smolsnake.pypackaging.wheel.WheelBuilder;
import io.smolsnake.workflow.WorkflowDefinitions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The pipeline's Install stage on LocalStack (Testcontainers) instead of the embedded runtime: the
 * Install Map of the real definition on LocalStack's Step Functions, one SQS message per wheel with
 * a task token, answered by the real install worker. Needs a Docker engine; skipped, saying so,
 * where {@code docker info} fails (before anything touches the network).
 */
class LocalStackInstallTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @BeforeAll
    static void dockerEngine() {
        String reason = dockerUnavailable();
        if (reason != null) {
            System.out.println("LocalStackInstallTest skipped: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }

    /** Why there is no Docker engine here, or null when {@code docker info} succeeds. */
    private static String dockerUnavailable() {
        try {
            Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "`docker info` did not answer within 30 s";
            }
            return p.exitValue() == 0 ? null : "`docker info` exited " + p.exitValue() + " (no Docker engine)";
        } catch (IOException e) {
            return "no docker command (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking docker";
        }
    }

    @Test
    void installMapOnLocalStackInstallsEachWheelThroughTheWorker() throws Exception {
        Wheelhouse house = new Wheelhouse(work.resolve("wheels"));
        Path alpha = house.add("alpha", "1.0");
        Path store = work.resolve("store");
        try (LocalStackContainer localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
                .withServices(LocalStackContainer.Service.SQS, LocalStackContainer.Service.STEPFUNCTIONS)) {
            localstack.start();
            var credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
            try (SqsClient sqs = SqsClient.builder().endpointOverride(localstack.getEndpoint())
                            .region(Region.of(localstack.getRegion())).credentialsProvider(credentials)
                            .httpClient(UrlConnectionHttpClient.create()).build();
                    SfnClient sfn = SfnClient.builder().endpointOverride(localstack.getEndpoint())
                            .region(Region.of(localstack.getRegion())).credentialsProvider(credentials)
                            .httpClient(UrlConnectionHttpClient.create()).build()) {
                String queueUrl = sqs.createQueue(b -> b.queueName("smolsnake-install")).queueUrl();
                String definition = installOnly(queueUrl);
                String machine = sfn.createStateMachine(b -> b.name("smolsnake-install")
                        .definition(definition).roleArn("arn:aws:iam::000000000000:role/smolsnake"))
                        .stateMachineArn();
                Worker worker = new Worker(Worker.Settings.of(queueUrl), sqs, sfn,
                        InstallService.open(store, work.resolve("downloads"), () -> null),
                        new PrintStream(OutputStream.nullOutputStream()));
                Thread thread = new Thread(worker::run, "localstack-worker");
                thread.start();
                try {
                    ObjectNode input = JSON.createObjectNode().put("runtime", "python3.11").put("arch", "x86_64");
                    input.putArray("install").addObject().put("name", "alpha").put("version", "1.0")
                            .put("url", alpha.toUri().toString()).put("filename", alpha.getFileName().toString())
                            .put("size", Files.size(alpha)).put("sha256", WheelBuilder.sha256(alpha));
                    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input(input.toString()))
                            .executionArn();

                    String status = awaitEnd(sfn, arn, Duration.ofMinutes(2));

                    assertEquals("SUCCEEDED", status);
                    try (Stream<Path> files = Files.walk(store)) {
                        assertTrue(files.anyMatch(f -> f.endsWith(Path.of("alpha", "__init__.py"))),
                                "alpha/__init__.py in the store");
                    }
                } finally {
                    worker.shutdown();
                    thread.join(30_000);
                }
            }
        }
    }

    /** The pipeline definition's Install Map alone, over {@code $.install}, ending the machine. */
    private static String installOnly(String queueUrl) throws IOException {
        var pipeline = JSON.readTree(WorkflowDefinitions.pipeline(Map.of("lock_function_arn", "unused",
                "inject_function_arn", "unused", "verify_function_arn", "unused", "install_queue_url", queueUrl)));
        ObjectNode install = (ObjectNode) pipeline.path("States").path("Install").deepCopy();
        install.remove("Catch");
        install.remove("Next");
        install.put("ItemsPath", "$.install");
        install.put("End", true);
        ObjectNode machine = JSON.createObjectNode().put("StartAt", "Install");
        machine.putObject("States").set("Install", install);
        return machine.toString();
    }

    private static String awaitEnd(SfnClient sfn, String arn, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            String status = sfn.describeExecution(b -> b.executionArn(arn)).statusAsString();
            if (!"RUNNING".equals(status) || Instant.now().isAfter(deadline)) {
                return status;
            }
            Thread.sleep(250);
        }
    }
}
