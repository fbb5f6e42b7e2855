package io.smolsnake.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.core.stage.InstallMessage;
import io.smolsnake.core.store.Environments;
import io.smolsnake.core.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/** Workers in their own JVMs, killed or stopped mid-install, as on an EC2 instance. */
class WorkerProcessTest {
    @TempDir
    Path tmp;
    Sqs sqs;
    RecordingSfn sfn;
    FileServer files;
    String queue;
    Process child;
    Worker worker;
    Thread loop;

    @BeforeEach
    void start() throws IOException {
        sqs = new Sqs();
        sfn = new RecordingSfn();
        files = new FileServer();
        queue = sqs.createQueue("install");
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (worker != null) {
            worker.stop();
            loop.join(30_000);
        }
        files.close();
        sfn.close();
        sqs.close();
    }

    Process startChild(Path root, long visibilitySeconds, long heartbeatMillis, long drainMillis) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(), queue, root.toString(),
                String.valueOf(visibilitySeconds), String.valueOf(heartbeatMillis), String.valueOf(drainMillis))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("child.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint.toString());
        env.put("AWS_ENDPOINT_URL_SFN", sfn.endpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.remove("AWS_PROFILE");
        env.remove("AWS_REGION");
        env.remove("AWS_DEFAULT_REGION");
        return builder.start();
    }

    String message(String token, TestWheel wheel, byte[] bytes, String url) throws IOException {
        return WorkerTest.JSON.writeValueAsString(InstallMessage.of(token, WorkerTest.PY312, "demo", "1.0", url,
                wheel.filename(), (long) bytes.length, TestWheel.sha256(bytes), false));
    }

    @Test
    void aWorkerKilledMidInstallLeavesTheMessageForAnotherWorkerOnceItsVisibilityExpires() throws Exception {
        // given: a worker process downloading a wheel that stalls halfway
        Path root = tmp.resolve("efs");
        TestWheel wheel = TestWheel.wheel("demo", "1.0").file("demo/__init__.py", "X = 1\n");
        byte[] bytes = wheel.bytes();
        String url = files.serve(wheel.filename(), bytes);
        files.holdFirst(wheel.filename());
        sqs.send(queue, message("token-kill", wheel, bytes, url));
        child = startChild(root, 2, 500, 10_000);
        files.awaitHolding();
        sfn.await("SendTaskHeartbeat", "token-kill");

        // when: the instance dies (SIGKILL: no hook runs), and another worker is polling
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Store store = Store.open(root);
        assertFalse(Files.exists(root.resolve("store/python3.12-x86_64/demo/1.0")) && Files.list(
                root.resolve("store/python3.12-x86_64/demo/1.0")).anyMatch(p -> !p.getFileName().toString()
                .startsWith(".tmp-")), "no complete entry after the kill");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        worker = new Worker(new Worker.Settings(queue, 2, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofSeconds(5)), sqs.client, sfn.client,
                new InstallService(store, Environments.open(store), new Downloader(tmp.resolve("downloads"),
                        () -> null, Downloader.Backoff.DEFAULT)),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        loop = new Thread(worker::run);
        loop.start();

        // then: the second delivery is installed and answered; the queue is empty
        RecordingSfn.Call success = sfn.await("SendTaskSuccess", "token-kill");
        JsonNode output = WorkerTest.JSON.readTree(success.body().path("output").asText());
        assertFalse(output.path("cached").asBoolean());
        assertEquals("X = 1\n", Files.readString(Path.of(output.path("path").asText(), "demo/__init__.py")));
        JsonNode start = WorkerTest.JSON.readTree(log.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"message.start\"")).findFirst().orElseThrow());
        assertEquals("2", start.path("receiveCount").asText());
        for (int i = 0; i < 200 && sqs.remaining(queue) > 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(0, sqs.remaining(queue));
    }

    @Test
    void sigtermReleasesWorkThatDoesNotFinishWithinTheDrainTime() throws Exception {
        // given: a worker process (600 s visibility) stuck in a download
        Path root = tmp.resolve("efs");
        TestWheel wheel = TestWheel.wheel("demo", "1.0").file("demo/__init__.py", "X = 1\n");
        byte[] bytes = wheel.bytes();
        String url = files.serve(wheel.filename(), bytes);
        files.holdFirst(wheel.filename());
        sqs.send(queue, message("token-term", wheel, bytes, url));
        child = startChild(root, 600, 10_000, 300);
        files.awaitHolding();

        // when: the Auto Scaling group terminates the instance
        child.destroy();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the worker did not stop on SIGTERM");

        // then: the message is visible again at once, unanswered; the log says why
        List<Message> again = sqs.client.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(5)).messages();
        assertEquals(1, again.size());
        assertEquals(List.of(), sfn.calls("SendTaskSuccess"));
        List<String> events = Files.readAllLines(tmp.resolve("child.log")).stream()
                .filter(l -> l.startsWith("{")).map(l -> {
                    try {
                        return WorkerTest.JSON.readTree(l).path("event").asText();
                    } catch (IOException e) {
                        throw new AssertionError(l, e);
                    }
                }).toList();
        assertEquals(List.of("worker.start", "message.start", "worker.stopping", "message.released"),
                events.subList(0, 4), String.join("\n", Files.readAllLines(tmp.resolve("child.log"))));
    }
}
