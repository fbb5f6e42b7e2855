package io.smolsnake.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.core.stage.InstallMessage;
import io.smolsnake.core.stage.LinkMessage;
import io.smolsnake.core.store.Environments;
import io.smolsnake.core.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/** The worker against a real SQS protocol (ElasticMQ) and a recording Step Functions endpoint. */
class WorkerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final InstallMessage.TargetSpec PY312 = new InstallMessage.TargetSpec("python3.12", "x86_64");

    @TempDir
    Path tmp;
    Sqs sqs;
    RecordingSfn sfn;
    FileServer files;
    String queue;
    Path root;
    ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    Worker worker;
    Thread loop;

    @BeforeEach
    void start() throws IOException {
        sqs = new Sqs();
        sfn = new RecordingSfn();
        files = new FileServer();
        queue = sqs.createQueue("install");
        root = tmp.resolve("efs");
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.stop();
            files.release();
            loop.join(30_000);
        }
        files.close();
        sfn.close();
        sqs.close();
    }

    void startWorker(Duration visibility, Duration heartbeat, Duration drain) {
        Store store = Store.open(root);
        InstallService service = new InstallService(store, Environments.open(store), new Downloader(
                tmp.resolve("downloads"), () -> {
                    throw new AssertionError("no s3 client in this test");
                }, new Downloader.Backoff(3, Duration.ofMillis(10), Duration.ofMillis(20))));
        worker = new Worker(new Worker.Settings(queue, 3, visibility, heartbeat, Duration.ofSeconds(1), drain),
                sqs.client, sfn.client, service, new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        loop = new Thread(worker::run, "worker-loop");
        loop.start();
    }

    void startWorker() {
        startWorker(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    String installMessage(String token, TestWheel wheel, byte[] bytes, String url) throws IOException {
        return JSON.writeValueAsString(InstallMessage.of(token, PY312, wheelName(wheel), "1.0", url,
                wheel.filename(), (long) bytes.length, TestWheel.sha256(bytes), false));
    }

    static String wheelName(TestWheel wheel) {
        return wheel.filename().split("-")[0];
    }

    List<JsonNode> logs() throws IOException {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** What the store holds for {@code name} 1.0 (temporaries are discarded, so: complete entries). */
    List<Path> entries(String name) throws IOException {
        Path versionDir = root.resolve("store/python3.12-x86_64/" + name + "/1.0");
        if (!Files.isDirectory(versionDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(versionDir)) {
            return entries.toList();
        }
    }

    void awaitEmptyQueue() throws InterruptedException {
        for (int i = 0; i < 600 && sqs.remaining(queue) > 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(0, sqs.remaining(queue), "messages left in the queue");
    }

    @Test
    void installsTheWheelAndAnswersWithTheEntryThenDeletesTheMessage() throws Exception {
        // given
        TestWheel wheel = TestWheel.wheel("demo", "1.0").file("demo/__init__.py", "X = 1\n");
        byte[] bytes = wheel.bytes();
        sqs.send(queue, installMessage("token-1", wheel, bytes, files.serve(wheel.filename(), bytes)));

        // when
        startWorker();
        RecordingSfn.Call success = sfn.await("SendTaskSuccess", "token-1");

        // then
        JsonNode output = JSON.readTree(success.body().path("output").asText());
        assertEquals("demo", output.path("name").asText());
        assertEquals("1.0", output.path("version").asText());
        assertEquals(5, output.path("files").asLong()); // with WHEEL, METADATA, RECORD, INSTALLER
        assertFalse(output.path("cached").asBoolean());
        assertFalse(output.path("compiled").asBoolean());
        Path entry = Path.of(output.path("path").asText());
        assertTrue(entry.startsWith(root.resolve("store/python3.12-x86_64/demo/1.0")), entry.toString());
        assertEquals("X = 1\n", Files.readString(entry.resolve("demo/__init__.py")));
        awaitEmptyQueue();
        try (Stream<Path> left = Files.list(tmp.resolve("downloads"))) {
            assertEquals(List.of(), left.toList(), "downloads are removed once installed");
        }
    }

    @Test
    void aDuplicateDeliveryInstallsOnceAndDeletesBothMessages() throws Exception {
        // given: SQS delivers the same message twice (at-least-once)
        TestWheel wheel = TestWheel.wheel("twice", "1.0").file("twice.py", "");
        byte[] bytes = wheel.bytes();
        String body = installMessage("token-dup", wheel, bytes, files.serve(wheel.filename(), bytes));
        sqs.send(queue, body);
        sqs.send(queue, body);

        // when
        startWorker();
        awaitEmptyQueue();

        // then: one answer accepted, the other met a closed task; one entry
        List<RecordingSfn.Call> answers = sfn.calls("SendTaskSuccess");
        assertEquals(2, answers.size(), sfn.calls().toString());
        assertEquals(1, entries("twice").size());
        assertEquals(1, logs().stream().filter(l -> l.path("event").asText().equals("task.gone")).count());
    }

    @Test
    void aCorruptedDownloadIsAnsweredWithHashMismatchNamingBothHashes() throws Exception {
        // given: the server sends other bytes than were locked
        TestWheel wheel = TestWheel.wheel("corrupt", "1.0").file("corrupt.py", "");
        byte[] locked = wheel.bytes();
        byte[] served = locked.clone();
        served[served.length / 2] ^= 0x5a;
        sqs.send(queue, installMessage("token-bad", wheel, locked, files.serve(wheel.filename(), served)));

        // when
        startWorker();
        RecordingSfn.Call failure = sfn.await("SendTaskFailure", "token-bad");

        // then: downloaded again in case the transfer was at fault, then refused; nothing installed
        assertEquals("Install.HashMismatch", failure.body().path("error").asText());
        assertEquals("""
                corrupt-1.0-py3-none-any.whl: the download differs from the lock (3 attempts); nothing was installed
                  package:  corrupt 1.0
                  expected: sha256=%s
                  actual:   sha256=%s
                  the index serves other bytes than were locked, or the lock is stale: re-lock"""
                .formatted(TestWheel.sha256(locked), TestWheel.sha256(served)), failure.body().path("cause").asText());
        assertEquals(3, files.requests(wheel.filename()));
        assertEquals(List.of(), entries("corrupt"));
        awaitEmptyQueue();
    }

    @Test
    void aZipSlipWheelIsRefusedAsInvalidAndWritesNothingOutsideTheStore() throws Exception {
        TestWheel wheel = TestWheel.wheel("slip", "1.0").file("slip.py", "").file("../../../escaped.py", "boom");
        byte[] bytes = wheel.bytes();
        sqs.send(queue, installMessage("token-slip", wheel, bytes, files.serve(wheel.filename(), bytes)));

        startWorker();
        RecordingSfn.Call failure = sfn.await("SendTaskFailure", "token-slip");

        assertEquals("Install.InvalidWheel", failure.body().path("error").asText());
        String cause = failure.body().path("cause").asText();
        assertTrue(cause.startsWith("slip-1.0-py3-none-any.whl: "), cause);
        assertTrue(cause.contains("'../../../escaped.py' escapes the destination with '..'"), cause);
        try (Stream<Path> all = Files.walk(tmp)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().equals("escaped.py")).toList());
        }
        assertEquals(List.of(), entries("slip"));
    }

    @Test
    void aMissingFileFailsAsDownloadWithoutRetrying() throws Exception {
        TestWheel wheel = TestWheel.wheel("gone", "1.0").file("gone.py", "");
        byte[] bytes = wheel.bytes();
        sqs.send(queue, installMessage("token-404", wheel, bytes, files.url(wheel.filename())));

        startWorker();
        RecordingSfn.Call failure = sfn.await("SendTaskFailure", "token-404");

        assertEquals("Install.Download", failure.body().path("error").asText());
        assertEquals("gone-1.0-py3-none-any.whl: cannot download " + files.url(wheel.filename())
                + ": HTTP 404; the file is gone from its index: re-lock", failure.body().path("cause").asText());
        assertEquals(1, files.requests(wheel.filename()));
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        TestWheel wheel = TestWheel.wheel("flaky", "1.0").file("flaky.py", "");
        byte[] bytes = wheel.bytes();
        String url = files.serve(wheel.filename(), bytes);
        files.failNext(wheel.filename(), 2, 503);
        sqs.send(queue, installMessage("token-503", wheel, bytes, url));

        startWorker();
        sfn.await("SendTaskSuccess", "token-503");

        assertEquals(3, files.requests(wheel.filename()));
    }

    @Test
    void anExpiredTokenCountsAsDoneAndTheMessageIsDeleted() throws Exception {
        TestWheel wheel = TestWheel.wheel("late", "1.0").file("late.py", "");
        byte[] bytes = wheel.bytes();
        sfn.timeOut("token-late");
        sqs.send(queue, installMessage("token-late", wheel, bytes, files.serve(wheel.filename(), bytes)));

        startWorker();
        sfn.await("SendTaskSuccess", "token-late");
        awaitEmptyQueue();

        assertTrue(logs().stream().anyMatch(l -> l.path("event").asText().equals("task.gone")), logs().toString());
    }

    @Test
    void whileWorkingItSendsHeartbeatsAndLogsJsonLinesWithoutTheToken() throws Exception {
        // given: a download that stalls halfway until released
        TestWheel wheel = TestWheel.wheel("slow", "1.0").file("slow.py", "");
        byte[] bytes = wheel.bytes();
        String url = files.serve(wheel.filename(), bytes);
        files.holdFirst(wheel.filename());
        String token = "secret-token-that-must-not-be-logged";
        sqs.send(queue, installMessage(token, wheel, bytes, url));

        // when
        startWorker(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(10));
        files.awaitHolding();
        sfn.await(c -> c.action().equals("SendTaskHeartbeat") && sfn.calls("SendTaskHeartbeat").size() >= 3);
        files.release();
        sfn.await("SendTaskSuccess", token);
        awaitEmptyQueue();

        // then: the visibility was extended (the 2 s timeout passed without a second delivery)
        assertEquals(1, logs().stream().filter(l -> l.path("event").asText().equals("message.start")).count());
        String log = logBytes.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains(token), log);
        JsonNode start = logs().stream().filter(l -> l.path("event").asText().equals("message.start")).findFirst()
                .orElseThrow();
        assertEquals("install-task", start.path("service").asText());
        assertEquals(JsonLog.taskId(token), start.path("taskId").asText());
        assertTrue(start.path("coldStart").asBoolean());
        assertFalse(start.path("messageId").asText().isEmpty());
    }

    @Test
    void aMessageWithoutAValidBodyButWithATokenIsAnsweredInvalidMessage() throws Exception {
        sqs.send(queue, "{\"type\":\"install\",\"taskToken\":\"token-x\",\"name\":\"x\"}");

        startWorker();
        RecordingSfn.Call failure = sfn.await("SendTaskFailure", "token-x");

        assertEquals("Install.InvalidMessage", failure.body().path("error").asText());
        assertEquals("the message is not an install or link message: an install message needs a target"
                + " {runtime, arch}; this is a bug in whatever sent it", failure.body().path("cause").asText());
    }

    @Test
    void anUnknownRuntimeIsUnsupported() throws Exception {
        TestWheel wheel = TestWheel.wheel("demo", "1.0").file("demo.py", "");
        byte[] bytes = wheel.bytes();
        sqs.send(queue, JSON.writeValueAsString(InstallMessage.of("token-rt", new InstallMessage.TargetSpec(
                "python2.7", "x86_64"), "demo", "1.0", files.serve(wheel.filename(), bytes), wheel.filename(),
                (long) bytes.length, TestWheel.sha256(bytes), false)));

        startWorker();
        RecordingSfn.Call failure = sfn.await("SendTaskFailure", "token-rt");

        assertEquals("Install.Unsupported", failure.body().path("error").asText());
        assertTrue(failure.body().path("cause").asText().startsWith(
                "demo-1.0-py3-none-any.whl: cannot install for target python2.7-x86_64: "),
                failure.body().path("cause").asText());
    }

    @Test
    void linksAnEnvironmentFromInstalledEntriesAndNamesMissingOnes() throws Exception {
        // given: one installed package, and a lock of it plus one never installed
        TestWheel wheel = TestWheel.wheel("alpha", "1.0").file("alpha/__init__.py", "A = 1\n");
        byte[] bytes = wheel.bytes();
        sqs.send(queue, installMessage("token-a", wheel, bytes, files.serve(wheel.filename(), bytes)));
        startWorker();
        sfn.await("SendTaskSuccess", "token-a");
        LinkMessage.Entry alpha = new LinkMessage.Entry("alpha", "1.0", TestWheel.sha256(bytes));
        LinkMessage.Entry beta = new LinkMessage.Entry("beta", "2.0", "ab".repeat(32));

        // when
        sqs.send(queue, JSON.writeValueAsString(LinkMessage.of("token-l1", PY312, "lock1", List.of(alpha))));
        sqs.send(queue, JSON.writeValueAsString(LinkMessage.of("token-l2", PY312, "lock2", List.of(alpha, beta))));
        RecordingSfn.Call linked = sfn.await("SendTaskSuccess", "token-l1");
        RecordingSfn.Call missing = sfn.await("SendTaskFailure", "token-l2");

        // then
        JsonNode output = JSON.readTree(linked.body().path("output").asText());
        Path env = Path.of(output.path("path").asText());
        assertEquals(root.resolve("envs/python3.12-x86_64/lock1"), env);
        assertEquals("A = 1\n", Files.readString(env.resolve("site-packages/alpha/__init__.py")));
        assertEquals(output.path("files").asLong(), output.path("linked").asLong());
        assertEquals("Install.MissingEntry", missing.body().path("error").asText());
        assertEquals("lock2: 1 of 2 packages are not in the store; install them first\n  beta 2.0 (python3.12-x86_64,"
                + " sha256 abababababababab) at " + root.resolve("store/python3.12-x86_64/beta/2.0/abababababababab"),
                missing.body().path("cause").asText());
    }

    @Test
    void shutdownLetsWorkInProgressFinish() throws Exception {
        TestWheel wheel = TestWheel.wheel("finish", "1.0").file("finish.py", "");
        byte[] bytes = wheel.bytes();
        String url = files.serve(wheel.filename(), bytes);
        files.holdFirst(wheel.filename());
        sqs.send(queue, installMessage("token-fin", wheel, bytes, url));
        startWorker();
        files.awaitHolding();

        // when: SIGTERM arrives mid-download, and the download then completes within the drain time
        Thread shutdown = new Thread(worker::shutdown);
        shutdown.start();
        files.release();
        shutdown.join(30_000);

        // then
        assertFalse(shutdown.isAlive());
        sfn.await("SendTaskSuccess", "token-fin");
        assertEquals(0, sqs.remaining(queue));
    }

    @Test
    void shutdownReleasesWorkThatOutlastsTheDrainSoAnotherWorkerTakesItAtOnce() throws Exception {
        TestWheel wheel = TestWheel.wheel("stuck", "1.0").file("stuck.py", "");
        byte[] bytes = wheel.bytes();
        String url = files.serve(wheel.filename(), bytes);
        files.holdFirst(wheel.filename());
        sqs.send(queue, installMessage("token-stuck", wheel, bytes, url));
        startWorker(Duration.ofSeconds(600), Duration.ofSeconds(10), Duration.ofMillis(100));
        files.awaitHolding();

        // when
        worker.shutdown();

        // then: visible again long before its 600 s visibility timeout; no answer was sent
        List<Message> again = sqs.client.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(5)).messages();
        assertEquals(1, again.size());
        assertEquals(List.of(), sfn.calls("SendTaskSuccess"));
        assertTrue(logs().stream().anyMatch(l -> l.path("event").asText().equals("message.released")));
    }
}
