package io.smolsnake.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smolsnake.embedded.sfn.Engine;
import io.smolsnake.embedded.sfn.EngineClock;
import io.smolsnake.embedded.sfn.Execution;
import io.smolsnake.embedded.sfn.ExecutionStatus;
import io.smolsnake.embedded.sfn.HistoryEvent;
import io.smolsnake.embedded.sfn.StateMachine;
import io.smolsnake.embedded.sfn.TaskInvoker;
import io.smolsnake.embedded.sfn.TaskRequest;
import io.smolsnake.embedded.sfn.TaskResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline definition on the embedded engine, with each stage answered by a stand-in that
 * behaves like the real one's contract (the stages themselves are tested in their modules, and
 * together in the integration tests).
 */
class PipelineDefinitionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ARNS = Map.of(
            "lock_function_arn", "arn:aws:lambda:us-east-1:000000000000:function:smolsnake-lock",
            "inject_function_arn", "arn:aws:lambda:us-east-1:000000000000:function:smolsnake-inject",
            "verify_function_arn", "arn:aws:lambda:us-east-1:000000000000:function:smolsnake-verify",
            "install_queue_url", "http://127.0.0.1:9324/000000000000/smolsnake-install");

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** The stages as their contracts say; {@code failing} names a package or stage that fails. */
    private final class Stages implements TaskInvoker {
        final AtomicReference<Engine> engine = new AtomicReference<>();
        final String failing;
        final boolean ready;

        Stages(String failing, boolean ready) {
            this.failing = failing;
            this.ready = ready;
        }

        @Override
        public CompletionStage<TaskResult> invoke(TaskRequest request) {
            JsonNode p = request.parameters();
            if (request.resource().endsWith(".waitForTaskToken")) {
                JsonNode body = p.get("MessageBody");
                messages.add(body.get("type").asText() + ":" + body.path("name").asText(body.path("digest").asText()));
                String token = body.get("taskToken").asText();
                executor.submit(() -> answer(token, body));
                return CompletableFuture.completedFuture(TaskResult.Success.class.cast(success(
                        JSON.createObjectNode().put("MessageId", "m-" + messages.size()))));
            }
            String function = p.get("FunctionName").asText();
            JsonNode payload = p.get("Payload");
            if (function.endsWith("smolsnake-lock")) {
                return done(envelope(lockResult(payload)));
            }
            if (function.endsWith("smolsnake-inject")) {
                assertEquals("/mnt/smolsnake/envs/python3.11-x86_64/d1", payload.get("environment").asText());
                return done(envelope(JSON.createObjectNode().put("function", payload.get("function").asText())
                        .put("version", "7").put("codeSize", 5123).put("codeSha256", "abc").put("updated", true)));
            }
            if ("verify".equals(failing)) {
                return CompletableFuture.completedFuture(failure("Verify.SmokeFailed",
                        "{\"errorMessage\":\"report:7: the smoke event failed\"}"));
            }
            return done(envelope(JSON.createObjectNode().put("function", payload.get("function").asText())
                    .put("version", payload.get("version").asText()).put("alias", payload.get("alias").asText())
                    .put("initDurationMs", 812)));
        }

        private void answer(String token, JsonNode body) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
            if (body.get("type").asText().equals("install") && body.get("name").asText().equals(failing)) {
                engine.get().sendTaskFailure(token, "Install.HashMismatch", failing
                        + " 1.0: the download's sha256 is 00ff, the lock says " + body.get("sha256").asText());
                return;
            }
            ObjectNode result = JSON.createObjectNode();
            if (body.get("type").asText().equals("install")) {
                result.put("name", body.get("name").asText()).put("version", body.get("version").asText())
                        .put("path", "/mnt/smolsnake/store/x").put("files", 10).put("bytes", 1000)
                        .put("compiled", true).put("cached", false).put("seconds", 0.5);
            } else {
                result.put("digest", body.get("digest").asText()).put("path", "/mnt/smolsnake/envs/python3.11-x86_64/d1")
                        .put("files", 20).put("linked", 20).put("copied", 0).put("cached", false)
                        .put("seconds", 0.1).put("nativeFiles", false);
            }
            engine.get().sendTaskSuccess(token, result);
        }

        private ObjectNode lockResult(JsonNode payload) {
            ObjectNode r = JSON.createObjectNode().put("digest", "d1").put("packages", 3).put("cached", ready ? 3 : 1)
                    .put("environment", "/mnt/smolsnake/envs/python3.11-x86_64/d1").put("environmentReady", ready)
                    .put("nativeFiles", false);
            r.putObject("lock").put("bucket", "b").put("key", "runs/locks/d1/pylock.toml");
            var install = r.putArray("install");
            if (!ready) {
                for (String n : List.of("numpy", "pandas")) {
                    install.addObject().put("name", n).put("version", "1.0").put("url", "file:///w/" + n + ".whl")
                            .put("filename", n + "-1.0-py3-none-any.whl").put("size", 10).put("sha256", "aa" + n);
                }
            }
            var entries = r.putArray("entries");
            for (String n : List.of("numpy", "pandas", "six")) {
                entries.addObject().put("name", n).put("version", "1.0").put("sha256", "aa" + n);
            }
            assertEquals("python3.11", payload.get("runtime").asText());
            return r;
        }
    }

    private static TaskResult success(JsonNode output) {
        return new TaskResult.Success(output);
    }

    private static TaskResult failure(String error, String cause) {
        return new TaskResult.Failure(error, cause);
    }

    private static CompletionStage<TaskResult> done(JsonNode output) {
        return CompletableFuture.completedFuture(success(output));
    }

    private static ObjectNode envelope(JsonNode payload) {
        ObjectNode e = JSON.createObjectNode();
        e.set("Payload", payload);
        e.put("StatusCode", 200);
        return e;
    }

    private Execution run(Stages stages) throws Exception {
        Engine engine = new Engine(stages, EngineClock.system(), executor);
        stages.engine.set(engine);
        StateMachine machine = StateMachine.parse(WorkflowDefinitions.pipeline(ARNS));
        ObjectNode input = JSON.createObjectNode().put("function", "report").put("runtime", "python3.11")
                .put("arch", "x86_64").put("storeRoot", "/mnt/smolsnake").put("handler", "handler.lambda_handler")
                .put("alias", "live");
        input.putObject("bundle").put("bucket", "b").put("key", "bundles/abc.zip");
        input.putObject("artifacts").put("bucket", "b").put("key", "runs/");
        input.putObject("fileSystem").put("arn", "arn:aws:elasticfilesystem:us-east-1:0:access-point/fsap-1")
                .put("mountPath", "/mnt/smolsnake");
        input.putNull("smoke");
        Execution execution = engine.start(machine, "arn:aws:states:us-east-1:000000000000:stateMachine:smolsnake",
                "run-1", input);
        execution.awaitTermination();
        return execution;
    }

    @Test
    void installsEachMissingWheelThenLinksInjectsAndVerifies() throws Exception {
        Execution execution = run(new Stages(null, false));

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
        JsonNode out = execution.output();
        assertEquals("7", out.get("version").asText());
        assertEquals("/mnt/smolsnake/envs/python3.11-x86_64/d1", out.get("environment").asText());
        assertEquals(5123, out.get("bundleBytes").asInt());
        assertEquals(2, out.get("installed").size());
        assertEquals(812, out.get("verify").get("initDurationMs").asInt());
        assertEquals(List.of("install:numpy", "install:pandas", "link:d1"), messages.stream().sorted().toList());
    }

    @Test
    void anUnchangedProjectInstallsAndLinksNothing() throws Exception {
        Execution execution = run(new Stages(null, true));

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
        assertEquals(List.of(), messages);
        assertEquals(0, execution.output().get("installed").size());
        assertTrue(execution.history().stream().map(HistoryEvent::type).noneMatch("MapIterationStarted"::equals));
    }

    @Test
    void aBadWheelFailsTheExecutionAtTheInstallMapNamingThePackage() throws Exception {
        Execution execution = run(new Stages("pandas", false));

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("Install.HashMismatch", execution.error());
        assertEquals("pandas 1.0: the download's sha256 is 00ff, the lock says aapandas", execution.cause());
        assertTrue(execution.history().stream().anyMatch(e -> e.type().equals("MapStateFailed")),
                "the execution fails at the Install map, where a redrive resumes");
    }

    @Test
    void aFailedSmokeTestFailsTheExecutionAndSaysTheAliasIsUnchanged() throws Exception {
        Execution execution = run(new Stages("verify", false));

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("Verify.SmokeFailed", execution.error());
        assertTrue(execution.cause().startsWith("Verify failed for function report (alias live left unchanged): "),
                execution.cause());
    }

    @Test
    void renderingNamesEveryMissingPlaceholder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkflowDefinitions.pipeline(Map.of("lock_function_arn", "x")));

        assertEquals("the pipeline definition needs values for inject_function_arn, install_queue_url,"
                + " verify_function_arn", e.getMessage());
    }

    @Test
    void thePlaceholdersAreExactlyThoseTerraformFillsIn() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([a-z_]+)}")
                .matcher(WorkflowDefinitions.pipelineTemplate());
        java.util.Set<String> found = new java.util.TreeSet<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(new java.util.TreeSet<>(WorkflowDefinitions.PIPELINE_PLACEHOLDERS), found);
    }
}
