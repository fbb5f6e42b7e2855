package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/** Task states: scheduling, invoking, task tokens, heartbeats, timeouts and their history events. */
final class TaskRunner {
    private static final Pattern LAMBDA_ARN = Pattern.compile("arn:[^:]+:lambda:[^:]*:[^:]*:function:.+");

    private final Interpreter interpreter;
    private final TaskInvoker invoker;
    private final Map<String, TaskTokens.Pending> tokens;
    private final String region;

    TaskRunner(Interpreter interpreter, TaskInvoker invoker, Map<String, TaskTokens.Pending> tokens, String region) {
        this.interpreter = interpreter;
        this.invoker = invoker;
        this.tokens = tokens;
        this.region = region;
    }

    Interpreter.Step run(State.Task task, Interpreter.StateRun run) {
        try {
            return interpreter.withRetryAndCatch(task.results(), run, () -> attempt(task, run), task.transition(),
                    task.io());
        } catch (StatesFailure failure) {
            if (run.frame.nested && !"States.Runtime".equals(failure.error())) {
                interpreter.event(run.frame, "TaskStateAborted", null);
            }
            throw failure;
        }
    }

    private JsonNode attempt(State.Task task, Interpreter.StateRun run) {
        TaskRequest.IntegrationPattern pattern = TaskRequest.IntegrationPattern.of(task.resource());
        Execution execution = interpreter.execution();
        String tokenKey = Progress.tokenKey(run.frame.path, run.state.name());
        // after a restart, a task that was waiting for its token waits again for the same one
        String savedToken = run.resumed && pattern == TaskRequest.IntegrationPattern.WAIT_FOR_TASK_TOKEN
                ? execution.progress(tokenKey) : null;
        run.resumed = false;
        String token = savedToken != null ? savedToken
                : pattern == TaskRequest.IntegrationPattern.REQUEST_RESPONSE ? null : interpreter.newToken();
        JsonNode context = run.context(token);
        JsonNode effective = interpreter.inputPath(task.io(), run.input, run);
        Long timeout = task.timeoutSeconds() != null ? task.timeoutSeconds()
                : seconds(task.timeoutSecondsPath(), effective, context, "TimeoutSecondsPath");
        Long heartbeat = task.heartbeatSeconds() != null ? task.heartbeatSeconds()
                : seconds(task.heartbeatSecondsPath(), effective, context, "HeartbeatSecondsPath");
        JsonNode parameters = task.parameters() == null ? effective
                : PayloadTemplate.evaluate(task.parameters(), effective, context);
        boolean lambda = LAMBDA_ARN.matcher(task.resource()).matches();
        Names names = lambda ? null : Names.of(task.resource());
        Interpreter.Frame frame = run.frame;

        if (savedToken != null) {
            return awaitSavedToken(token, tokenKey, timeout, heartbeat, lambda, names, frame);
        }
        ObjectNode scheduled = Json.object();
        if (lambda) {
            scheduled.put("resource", task.resource());
            scheduled.put("input", Json.text(parameters));
            scheduled.set("inputDetails", Interpreter.truncated());
            if (timeout != null) {
                scheduled.put("timeoutInSeconds", timeout);
            }
            interpreter.event(frame, "LambdaFunctionScheduled", scheduled);
            interpreter.event(frame, "LambdaFunctionStarted", null);
        } else {
            names.into(scheduled);
            scheduled.put("region", region);
            scheduled.put("parameters", Json.text(parameters));
            if (timeout != null) {
                scheduled.put("timeoutInSeconds", timeout);
            }
            if (heartbeat != null) {
                scheduled.put("heartbeatInSeconds", heartbeat);
            }
            interpreter.event(frame, "TaskScheduled", scheduled);
            interpreter.event(frame, "TaskStarted", names.into(Json.object()));
        }

        Instant started = interpreter.clock().now();
        Instant timeoutAt = timeout == null ? null : started.plusSeconds(timeout);
        TaskTokens.Pending pending = token == null ? null : new TaskTokens.Pending(started);
        if (pending != null) {
            tokens.put(token, pending);
        }
        try {
            TaskRequest request = new TaskRequest(run.state.name(), task.resource(), pattern, parameters, context,
                    token, timeout, heartbeat);
            TaskResult result = call(request, timeoutAt, frame);
            JsonNode submitted = null;
            CompletableFuture<TaskResult> completion = null;
            if (result instanceof TaskResult.Submitted s) {
                submitted = s.output();
                completion = s.completion().toCompletableFuture();
            } else if (result instanceof TaskResult.Success s
                    && pattern == TaskRequest.IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
                submitted = s.output();
            }
            if (submitted != null) {
                ObjectNode details = lambda ? Json.object() : names.into(Json.object());
                details.put("output", Json.text(submitted));
                details.set("outputDetails", Interpreter.truncated());
                interpreter.event(frame, "TaskSubmitted", details);
                if (pattern == TaskRequest.IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
                    execution.progress(tokenKey, token);
                }
                if (completion != null) {
                    completion.whenComplete((r, e) -> pending.complete(r != null ? r
                            : TaskResult.failure("States.TaskFailed", String.valueOf(e))));
                }
                result = awaitToken(pending, timeoutAt, heartbeat, frame);
            }
            return ended(result, lambda, names, frame);
        } finally {
            if (token != null) {
                tokens.remove(token);
                if (pattern == TaskRequest.IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
                    execution.progress(tokenKey, null);
                }
            }
        }
    }

    /** A task resumed after a restart that was waiting for {@code token}: no new request, the same token. */
    private JsonNode awaitSavedToken(String token, String tokenKey, Long timeout, Long heartbeat, boolean lambda,
                                     Names names, Interpreter.Frame frame) {
        Instant started = interpreter.clock().now();
        // Engine.recover registered it already; a worker's answer may be waiting in it
        TaskTokens.Pending pending = tokens.computeIfAbsent(token, t -> new TaskTokens.Pending(started));
        try {
            TaskResult result = awaitToken(pending, timeout == null ? null : started.plusSeconds(timeout), heartbeat,
                    frame);
            return ended(result, lambda, names, frame);
        } finally {
            tokens.remove(token);
            interpreter.execution().progress(tokenKey, null);
        }
    }

    /** Records how the task ended; null means it timed out. */
    private JsonNode ended(TaskResult result, boolean lambda, Names names, Interpreter.Frame frame) {
        if (result == null) {
            ObjectNode details = lambda ? Json.object() : names.into(Json.object());
            details.put("error", "States.Timeout");
            interpreter.event(frame, lambda ? "LambdaFunctionTimedOut" : "TaskTimedOut", details);
            throw new StatesFailure("States.Timeout", null);
        }
        if (result instanceof TaskResult.Failure failure) {
            ObjectNode details = lambda ? Json.object() : names.into(Json.object());
            if (failure.error() != null) {
                details.put("error", failure.error());
            }
            if (failure.cause() != null) {
                details.put("cause", failure.cause());
            }
            interpreter.event(frame, lambda ? "LambdaFunctionFailed" : "TaskFailed", details);
            throw new StatesFailure(failure.error(), failure.cause());
        }
        JsonNode output = ((TaskResult.Success) result).output();
        ObjectNode details = lambda ? Json.object() : names.into(Json.object());
        details.put("output", Json.text(output));
        details.set("outputDetails", Interpreter.truncated());
        interpreter.event(frame, lambda ? "LambdaFunctionSucceeded" : "TaskSucceeded", details);
        return output;
    }

    /** The invoker's answer within the timeout; null when it timed out. */
    private TaskResult call(TaskRequest request, Instant timeoutAt, Interpreter.Frame frame) {
        CompletableFuture<TaskResult> future;
        try {
            CompletionStage<TaskResult> stage = invoker.invoke(request);
            future = stage.toCompletableFuture();
        } catch (RuntimeException e) {
            return TaskResult.failure("States.TaskFailed", e.toString());
        }
        if (!interpreter.await(future, left(timeoutAt), frame)) {
            return null;
        }
        try {
            return future.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return TaskResult.failure("States.TaskFailed", cause.toString());
        }
    }

    private TaskResult awaitToken(TaskTokens.Pending pending, Instant timeoutAt, Long heartbeat,
                                  Interpreter.Frame frame) {
        while (true) {
            Instant now = interpreter.clock().now();
            Duration wait = left(timeoutAt);
            if (heartbeat != null) {
                Duration beat = Duration.between(now, pending.lastHeartbeat().plusSeconds(heartbeat));
                if (beat.isNegative()) {
                    beat = Duration.ZERO;
                }
                wait = wait == null || beat.compareTo(wait) < 0 ? beat : wait;
            }
            CompletableFuture<?> beatSignal = pending.nextBeat();
            if (pending.result.isDone()) {
                return pending.result.join();
            }
            boolean signalled = interpreter.await(CompletableFuture.anyOf(pending.result, beatSignal), wait, frame);
            if (pending.result.isDone()) {
                return pending.result.join();
            }
            if (!signalled) {
                return null;
            }
        }
    }

    private Duration left(Instant at) {
        if (at == null) {
            return null;
        }
        Duration d = Duration.between(interpreter.clock().now(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Long seconds(String path, JsonNode input, JsonNode context, String field) {
        if (path == null) {
            return null;
        }
        JsonNode value;
        try {
            value = JsonPaths.read(path, input, context);
        } catch (JsonPaths.NoMatch e) {
            throw StatesFailure.runtime(e.getMessage());
        }
        if (!Json.isIntegral(value) || value.longValue() < 1) {
            throw StatesFailure.runtime("The " + field + " field refers to value " + Json.text(value)
                    + " which is not a positive integer: " + path);
        }
        return value.longValue();
    }

    /** A service integration's resourceType and resource as history events show them. */
    record Names(String resourceType, String resource) {
        static Names of(String arn) {
            int at = arn.indexOf(":::");
            if (at < 0) {
                return new Names("activity", arn);
            }
            String rest = arn.substring(at + 3);
            int split = rest.startsWith("aws-sdk:") ? rest.indexOf(':', "aws-sdk:".length()) : rest.indexOf(':');
            if (split < 0) {
                return new Names(rest, "");
            }
            return new Names(rest.substring(0, split), rest.substring(split + 1));
        }

        ObjectNode into(ObjectNode node) {
            node.put("resourceType", resourceType);
            node.put("resource", resource);
            return node;
        }
    }
}
