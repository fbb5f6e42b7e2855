package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Answers Task states from a conformance case's recorded {@code integrations}: by state name, in
 * order, preferring the recording whose parameters match when a state runs more than once (Map
 * iterations). Task-token results are sent back through the engine the way a worker would.
 */
final class RecordedInvoker implements TaskInvoker {
    private final List<JsonNode> unused = new ArrayList<>();
    private final Supplier<Engine> engine;
    private final Loose loose;

    RecordedInvoker(JsonNode integrations, Supplier<Engine> engine, Loose loose) {
        if (integrations != null) {
            integrations.forEach(unused::add);
        }
        this.engine = engine;
        this.loose = loose;
    }

    @Override
    public synchronized CompletionStage<TaskResult> invoke(TaskRequest request) {
        JsonNode recorded = pick(request);
        if (recorded == null) {
            return CompletableFuture.completedFuture(TaskResult.failure("Test.NoRecording",
                    "no recorded integration left for state " + request.stateName()));
        }
        JsonNode result = recorded.path("result");
        String status = result.path("status").asText();
        String error = result.hasNonNull("error") ? result.get("error").asText() : null;
        String cause = result.hasNonNull("cause") ? result.get("cause").asText() : null;
        if (request.pattern() == TaskRequest.IntegrationPattern.RUN_JOB && recorded.has("submitted")) {
            CompletableFuture<TaskResult> job = switch (status) {
                case "SUCCEEDED" -> CompletableFuture.completedFuture(TaskResult.success(result.get("output")));
                case "TIMED_OUT" -> new CompletableFuture<>();
                default -> CompletableFuture.completedFuture(TaskResult.failure(error, cause));
            };
            return CompletableFuture.completedFuture(TaskResult.submitted(recorded.get("submitted"), job));
        }
        boolean token = request.pattern() == TaskRequest.IntegrationPattern.WAIT_FOR_TASK_TOKEN;
        if (token && recorded.has("submitted")) {
            switch (status) {
                case "SUCCEEDED" -> engine.get().sendTaskSuccess(request.taskToken(), result.get("output"));
                case "FAILED" -> engine.get().sendTaskFailure(request.taskToken(), error, cause);
                default -> { } // no answer: the heartbeat or the timeout ends the task
            }
            return CompletableFuture.completedFuture(TaskResult.success(recorded.get("submitted")));
        }
        return switch (status) {
            case "SUCCEEDED" -> CompletableFuture.completedFuture(TaskResult.success(result.get("output")));
            case "TIMED_OUT" -> new CompletableFuture<>();
            default -> CompletableFuture.completedFuture(TaskResult.failure(error, cause));
        };
    }

    private JsonNode pick(TaskRequest request) {
        JsonNode first = null;
        for (JsonNode candidate : unused) {
            if (!candidate.path("state").asText().equals(request.stateName())) {
                continue;
            }
            if (first == null) {
                first = candidate;
            }
            JsonNode sent = candidate.has("parameters") ? candidate.get("parameters") : candidate.get("input");
            if (sent != null && loose.matches(sent, request.parameters()).isEmpty()) {
                unused.remove(candidate);
                return candidate;
            }
        }
        if (first != null) {
            unused.remove(first);
        }
        return first;
    }
}
