package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Runs one execution: walks the states, processes input and output, records the history. */
final class Interpreter {
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StateMachine machine;
    private final Execution execution;
    private final EngineClock clock;
    private final Executor executor;
    private final Instant deadline;
    private final ObjectNode executionContext;
    private final ObjectNode machineContext;
    private final TaskRunner tasks;
    private final FanOut fanOut;
    private final CompletableFuture<Void> stopSignal = new CompletableFuture<>();
    private volatile String stopError;
    private volatile String stopCause;

    Interpreter(StateMachine machine, Execution execution, TaskInvoker invoker, EngineClock clock, Executor executor,
                Map<String, TaskTokens.Pending> tokens) {
        this.machine = machine;
        this.execution = execution;
        this.clock = clock;
        this.executor = executor;
        this.deadline = machine.timeoutSeconds() == null ? null
                : execution.startDate().plusSeconds(machine.timeoutSeconds());
        String smArn = execution.stateMachineArn();
        this.executionContext = Json.object();
        executionContext.put("Id", execution.arn());
        executionContext.set("Input", execution.input());
        executionContext.put("StartTime", timestamp(execution.startDate()));
        executionContext.put("Name", execution.name());
        executionContext.put("RoleArn", roleArn(smArn));
        executionContext.put("RedriveCount", execution.redriveCount());
        this.machineContext = Json.object();
        machineContext.put("Id", smArn);
        machineContext.put("Name", smArn.substring(smArn.lastIndexOf(':') + 1));
        this.tasks = new TaskRunner(this, invoker, tokens, region(smArn));
        this.fanOut = new FanOut(this, executor);
    }

    /** Thrown through the branches when the execution's TimeoutSeconds passes. */
    static final class ExecutionTimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExecutionTimedOut() {
            super("execution timed out", null, false, false);
        }
    }

    /** Thrown through a branch whose sibling failed (or whose parent was aborted). */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("aborted", null, false, false);
        }
    }

    /**
     * Where a branch is: its abort signal, the id of its latest event, its path in the execution
     * ({@code ""} at the top, {@code /Install[3]} for iteration 3 of Map Install,
     * {@code /Both[1]} for branch 1 of Parallel Both) and whether it resumes from saved progress.
     */
    static final class Frame {
        final CompletableFuture<Void> abort;
        final boolean nested;
        final String path;
        boolean resume;
        long lastEventId;

        Frame(CompletableFuture<Void> abort, boolean nested, long lastEventId) {
            this(abort, nested, lastEventId, "", false);
        }

        Frame(CompletableFuture<Void> abort, boolean nested, long lastEventId, String path, boolean resume) {
            this.abort = abort;
            this.nested = nested;
            this.lastEventId = lastEventId;
            this.path = path;
            this.resume = resume;
        }
    }

    /** The outcome of one state: its output and the state to go to, or null at the end of the branch. */
    record Step(JsonNode output, String next) {}

    void run() {
        Frame root = new Frame(stopSignal, false, 0);
        ObjectNode started = Json.object();
        started.put("input", Json.text(execution.input()));
        started.set("inputDetails", truncated());
        started.put("roleArn", executionContext.get("RoleArn").asText());
        event(root, "ExecutionStarted", started);
        finish(root);
    }

    /**
     * Continues from the saved progress: after a restart ({@code redriven} false) or for
     * RedriveExecution (true, with an ExecutionRedriven event).
     */
    void resume(boolean redriven) {
        Frame root = new Frame(stopSignal, false, execution.lastEventId(), "", true);
        if (redriven) {
            ObjectNode details = Json.object();
            details.put("redriveCount", execution.redriveCount());
            event(root, "ExecutionRedriven", details);
        }
        finish(root);
    }

    private void finish(Frame root) {
        JsonNode input = execution.input();
        try {
            JsonNode output = runBranch(machine.top(), input, root);
            ObjectNode details = Json.object();
            details.put("output", Json.text(output));
            details.set("outputDetails", truncated());
            event(root, "ExecutionSucceeded", details);
            execution.finish(ExecutionStatus.SUCCEEDED, output, null, null, clock.now());
        } catch (StatesFailure failure) {
            ObjectNode details = Json.object();
            if (failure.error() != null) {
                details.put("error", failure.error());
            }
            if (failure.cause() != null) {
                details.put("cause", failure.cause());
            }
            event(root, "ExecutionFailed", details);
            execution.finish(ExecutionStatus.FAILED, null, failure.error(), failure.cause(), clock.now());
        } catch (Aborted stopped) {
            ObjectNode details = Json.object();
            if (stopError != null) {
                details.put("error", stopError);
            }
            if (stopCause != null) {
                details.put("cause", stopCause);
            }
            event(root, "ExecutionAborted", details);
            execution.finish(ExecutionStatus.ABORTED, null, stopError, stopCause, clock.now());
        } catch (ExecutionTimedOut timedOut) {
            event(root, "ExecutionTimedOut", Json.object());
            execution.finish(ExecutionStatus.TIMED_OUT, null, "States.Timeout", null, clock.now());
        } catch (RuntimeException unexpected) {
            ObjectNode details = Json.object();
            details.put("error", "States.Runtime");
            details.put("cause", "internal error: " + unexpected);
            event(root, "ExecutionFailed", details);
            execution.finish(ExecutionStatus.FAILED, null, "States.Runtime", "internal error: " + unexpected,
                    clock.now());
        }
    }

    /** StopExecution: aborts every branch at its next step or wait. */
    void stop(String error, String cause) {
        stopError = error;
        stopCause = cause;
        stopSignal.complete(null);
    }

    /**
     * Runs a branch from its StartAt, or, when the frame resumes, from the state its saved
     * progress names (a branch that had ended returns its saved output at once). Progress is
     * saved at every transition.
     */
    JsonNode runBranch(State.Branch branch, JsonNode input, Frame frame) {
        String key = Progress.branchKey(frame.path);
        String current = branch.startAt();
        JsonNode data = input;
        boolean resumed = false;
        if (frame.resume) {
            frame.resume = false;
            Progress.Position saved = Progress.position(execution.progress(key));
            if (saved != null && saved.done()) {
                return saved.data();
            }
            if (saved != null && branch.states().containsKey(saved.state())) {
                current = saved.state();
                data = saved.data();
                resumed = true;
            }
        }
        if (!resumed) {
            execution.progress(key, Progress.at(current, data));
        }
        while (true) {
            checkAbort(frame);
            State state = branch.states().get(current);
            Step step = runState(state, data, frame, resumed);
            resumed = false;
            if (step.next() == null) {
                execution.progress(key, Progress.ended(step.output()));
                return step.output();
            }
            data = step.output();
            current = step.next();
            execution.progress(key, Progress.at(current, data));
        }
    }

    private Step runState(State state, JsonNode input, Frame frame, boolean resumed) {
        Instant entered = clock.now();
        ObjectNode details = Json.object();
        details.put("name", state.name());
        details.put("input", Json.text(input));
        details.set("inputDetails", truncated());
        long enteredId = event(frame, state.type() + "StateEntered", details);
        StateRun run = new StateRun(state, input, entered, enteredId, frame);
        run.resumed = resumed;
        try {
            Step step = execute(run);
            if (step.output() != null
                    && Json.text(step.output()).getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                throw new StatesFailure("States.DataLimitExceeded", "The state/task '" + state.name()
                        + "' returned a result with a size exceeding the maximum number of bytes service limit.");
            }
            if (!(state instanceof State.Fail)) {
                exited(run, step.output());
            }
            return step;
        } catch (StatesFailure failure) {
            if ("States.Runtime".equals(failure.error()) && failure.cause() != null
                    && !failure.cause().startsWith("An error occurred while executing the state")) {
                throw StatesFailure.runtime(run.prefix() + failure.cause());
            }
            throw failure;
        } catch (Aborted aborted) {
            if (state instanceof State.Task || state instanceof State.Map || state instanceof State.Parallel) {
                event(frame, state.type() + "StateAborted", null);
            }
            throw aborted;
        }
    }

    void exited(StateRun run, JsonNode output) {
        ObjectNode details = Json.object();
        details.put("name", run.state.name());
        details.put("output", Json.text(output));
        details.set("outputDetails", truncated());
        event(run.frame, run.state.type() + "StateExited", details);
    }

    private Step execute(StateRun run) {
        State state = run.state;
        if (state instanceof State.Pass pass) {
            JsonNode effective = inputPath(pass.io(), run.input, run);
            if (pass.parameters() != null) {
                effective = PayloadTemplate.evaluate(pass.parameters(), effective, run.context(null));
            }
            JsonNode result = pass.result() != null ? pass.result() : effective;
            JsonNode output = resultPath(pass.resultPath(), run.input, result);
            return new Step(outputPath(pass.io(), output, run), pass.transition().next());
        }
        if (state instanceof State.Choice choice) {
            JsonNode effective = inputPath(choice.io(), run.input, run);
            JsonNode context = run.context(null);
            String next = null;
            for (State.Rule rule : choice.choices()) {
                if (Choices.holds(rule.condition(), effective, context)) {
                    next = rule.next();
                    break;
                }
            }
            if (next == null) {
                next = choice.defaultNext();
            }
            if (next == null) {
                throw new StatesFailure("States.NoChoiceMatched", run.prefix()
                        + "Failed to transition out of the state. The state does not point to a next state.");
            }
            return new Step(outputPath(choice.io(), effective, run), next);
        }
        if (state instanceof State.Wait wait) {
            JsonNode effective = inputPath(wait.io(), run.input, run);
            Duration duration = Waits.duration(wait, effective, run.context(null), clock.now());
            sleep(duration, run.frame);
            return new Step(outputPath(wait.io(), effective, run), wait.transition().next());
        }
        if (state instanceof State.Succeed succeed) {
            JsonNode effective = inputPath(succeed.io(), run.input, run);
            return new Step(outputPath(succeed.io(), effective, run), null);
        }
        if (state instanceof State.Fail fail) {
            JsonNode context = run.context(null);
            String error = fail.error() != null ? fail.error() : dynamicText(fail.errorPath(), "ErrorPath", run.input, context);
            String cause = fail.cause() != null ? fail.cause() : dynamicText(fail.causePath(), "CausePath", run.input, context);
            throw new StatesFailure(error, cause);
        }
        if (state instanceof State.Task task) {
            return tasks.run(task, run);
        }
        if (state instanceof State.Map map) {
            return fanOut.map(map, run);
        }
        return fanOut.parallel((State.Parallel) state, run);
    }

    private static String dynamicText(String expression, String field, JsonNode input, JsonNode context) {
        if (expression == null) {
            return null;
        }
        JsonNode value;
        if (Intrinsic.looksLikeCall(expression)) {
            try {
                value = Intrinsics.evaluate(Intrinsic.parse(expression), input, context);
            } catch (Intrinsic.SyntaxError e) {
                throw new StatesFailure("States.IntrinsicFailure", e.getMessage());
            }
        } else {
            try {
                value = JsonPaths.read(expression, input, context);
            } catch (JsonPaths.NoMatch e) {
                throw StatesFailure.runtime("The JSONPath '" + expression + "' specified for the field '" + field
                        + "' could not be found in the input '" + Json.text(input) + "'");
            }
        }
        return value.isTextual() ? value.textValue() : Json.text(value);
    }

    /** Applies retriers and catchers around {@code attempt}; shared by Task, Map and Parallel. */
    Step withRetryAndCatch(State.Results results, StateRun run, java.util.function.Supplier<JsonNode> attempt,
                           State.Transition transition, State.Io io) {
        return withRetryAndCatch(results, run, attempt, transition, io, () -> { });
    }

    /** As above; {@code finalFailure} runs once a failure is neither retried nor caught-and-ignored. */
    Step withRetryAndCatch(State.Results results, StateRun run, java.util.function.Supplier<JsonNode> attempt,
                           State.Transition transition, State.Io io, Runnable finalFailure) {
        int[] attempts = new int[results.retry().size()];
        while (true) {
            JsonNode result;
            try {
                result = attempt.get();
            } catch (StatesFailure failure) {
                int index = Errors.matchingRetrier(results.retry(), failure.error());
                if (index >= 0 && attempts[index] < results.retry().get(index).maxAttempts()) {
                    sleep(Errors.delay(results.retry().get(index), attempts[index]), run.frame);
                    attempts[index]++;
                    run.retryCount++;
                    continue;
                }
                finalFailure.run();
                for (State.Catcher catcher : results.catches()) {
                    if (Errors.matches(catcher.errorEquals(), failure.error())) {
                        ObjectNode errorOutput = Json.object();
                        errorOutput.put("Error", failure.error());
                        errorOutput.put("Cause", failure.cause() == null && failure.error() != null ? "" : failure.cause());
                        JsonNode output = resultPath(catcher.resultPath(), run.input, errorOutput);
                        return new Step(output, catcher.next());
                    }
                }
                throw failure;
            }
            JsonNode context = run.context(null);
            if (results.resultSelector() != null) {
                result = PayloadTemplate.evaluate(results.resultSelector(), result, context);
            }
            JsonNode output = resultPath(results.resultPath(), run.input, result);
            return new Step(outputPath(io, output, run), transition.next());
        }
    }

    JsonNode inputPath(State.Io io, JsonNode input, StateRun run) {
        if (io.inputPath().isNull()) {
            return Json.object();
        }
        try {
            return JsonPaths.read(io.inputPath().value(), input, run.context(null));
        } catch (JsonPaths.NoMatch e) {
            throw StatesFailure.runtime(e.getMessage());
        }
    }

    JsonNode outputPath(State.Io io, JsonNode output, StateRun run) {
        if (io.outputPath().isNull()) {
            return Json.object();
        }
        try {
            return JsonPaths.read(io.outputPath().value(), output, run.context(null));
        } catch (JsonPaths.NoMatch e) {
            throw StatesFailure.runtime(e.getMessage());
        }
    }

    static JsonNode resultPath(State.Path path, JsonNode input, JsonNode result) {
        if (path.isNull()) {
            return input;
        }
        try {
            return JsonPaths.write(path.value(), input, result);
        } catch (JsonPaths.NoMatch e) {
            throw StatesFailure.runtime(e.getMessage());
        }
    }

    /** Waits for {@code duration} on the clock, cut short by an abort or the execution's deadline. */
    void sleep(Duration duration, Frame frame) {
        await(new CompletableFuture<Void>(), duration, frame);
    }

    /**
     * Waits until {@code signal} completes or {@code timeout} passes (null: no limit).
     *
     * @return true if the signal completed
     */
    boolean await(CompletableFuture<?> signal, Duration timeout, Frame frame) {
        Duration limit = timeout;
        boolean deadlineFirst = false;
        if (deadline != null) {
            Duration left = Duration.between(clock.now(), deadline);
            if (limit == null || left.compareTo(limit) < 0) {
                limit = left.isNegative() ? Duration.ZERO : left;
                deadlineFirst = true;
            }
        }
        CompletableFuture<Object> either = CompletableFuture.anyOf(signal, frame.abort);
        boolean completed;
        try {
            completed = clock.await(either, limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Aborted();
        }
        checkAbort(frame);
        if (!completed && deadlineFirst) {
            throw new ExecutionTimedOut();
        }
        return completed;
    }

    void checkAbort(Frame frame) {
        if (frame.abort.isDone()) {
            throw new Aborted();
        }
        if (deadline != null && !clock.now().isBefore(deadline)) {
            throw new ExecutionTimedOut();
        }
    }

    long event(Frame frame, String type, ObjectNode details) {
        HistoryEvent e = execution.append(type, details, frame.lastEventId, clock.now());
        frame.lastEventId = e.id();
        return e.id();
    }

    static ObjectNode truncated() {
        ObjectNode node = Json.object();
        node.put("truncated", false);
        return node;
    }

    static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    Executor executor() {
        return executor;
    }

    EngineClock clock() {
        return clock;
    }

    String executionArn() {
        return execution.arn();
    }

    Execution execution() {
        return execution;
    }

    private static String region(String arn) {
        String[] parts = arn.split(":", -1);
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "us-east-1";
    }

    private static String roleArn(String stateMachineArn) {
        String[] parts = stateMachineArn.split(":", -1);
        String account = parts.length > 4 ? parts[4] : "000000000000";
        return "arn:aws:iam::" + account + ":role/smolsnake-embedded";
    }

    /** One visit of a state: its input, when it was entered, its retries so far. */
    final class StateRun {
        final State state;
        final JsonNode input;
        final Instant entered;
        final long enteredId;
        final Frame frame;
        int retryCount;
        /** Entered again from saved progress: its Map iterations, branches and task token carry on. */
        boolean resumed;

        StateRun(State state, JsonNode input, Instant entered, long enteredId, Frame frame) {
            this.state = state;
            this.input = input;
            this.entered = entered;
            this.enteredId = enteredId;
            this.frame = frame;
        }

        String prefix() {
            return "An error occurred while executing the state '" + state.name() + "' (entered at the event id #"
                    + enteredId + "). ";
        }

        /** The context object ({@code $$}) for this state, with a task token if given. */
        ObjectNode context(String taskToken) {
            ObjectNode context = Json.object();
            context.set("Execution", executionContext.deepCopy());
            context.set("StateMachine", machineContext.deepCopy());
            ObjectNode s = context.putObject("State");
            s.put("Name", state.name());
            s.put("EnteredTime", timestamp(entered));
            if (state instanceof State.Task) {
                s.put("RetryCount", retryCount);
            }
            if (taskToken != null) {
                context.putObject("Task").put("Token", taskToken);
            }
            return context;
        }

        ObjectNode mapItemContext(int index, JsonNode value) {
            ObjectNode context = context(null);
            ObjectNode item = context.putObject("Map").putObject("Item");
            item.put("Index", index);
            item.set("Value", value);
            return context;
        }
    }

    String newToken() {
        return TaskTokens.issue(execution.arn());
    }
}
