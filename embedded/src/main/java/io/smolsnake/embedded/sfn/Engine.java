package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs executions of {@link StateMachine}s: the core a Step Functions–compatible endpoint sits on.
 * Executions are kept by ARN; task tokens handed to {@code .waitForTaskToken} resources are
 * answered through {@link #sendTaskSuccess}, {@link #sendTaskFailure} and
 * {@link #sendTaskHeartbeat}.
 *
 * <p>Executions, Map iterations and Parallel branches run on {@code executor}; a direct executor
 * ({@code Runnable::run}) runs everything on the caller's thread, one iteration after another,
 * which with a {@link VirtualClock} makes a run deterministic.
 */
public final class Engine {
    private final TaskInvoker invoker;
    private final EngineClock clock;
    private final Executor executor;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final Map<String, Interpreter> running = new ConcurrentHashMap<>();
    private final Map<String, TaskTokens.Pending> tokens = new ConcurrentHashMap<>();

    public Engine(TaskInvoker invoker, EngineClock clock, Executor executor) {
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Starts an execution.
     *
     * @param stateMachineArn {@code arn:aws:states:<region>:<account>:stateMachine:<name>}
     * @param name the execution's name; null for a random UUID
     * @param input the execution input
     * @throws SfnException if an execution of that name already exists for the state machine
     */
    public Execution start(StateMachine machine, String stateMachineArn, String name, JsonNode input) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        String arn = executionArn(stateMachineArn, executionName);
        Execution execution = new Execution(arn, executionName, stateMachineArn,
                input == null ? Json.object() : input.deepCopy(), clock.now());
        if (executions.putIfAbsent(arn, execution) != null) {
            throw new SfnException("ExecutionAlreadyExists: " + arn);
        }
        Interpreter run = new Interpreter(machine, execution, invoker, clock, executor, tokens);
        running.put(arn, run);
        executor.execute(() -> {
            try {
                run.run();
            } finally {
                running.remove(arn);
            }
        });
        return execution;
    }

    public Optional<Execution> execution(String executionArn) {
        return Optional.ofNullable(executions.get(executionArn));
    }

    /**
     * StopExecution: the execution ends ABORTED (with an ExecutionAborted event) as soon as each
     * of its branches reaches its next state or wait. Stopping an execution that has ended does
     * nothing.
     *
     * @throws SfnException if there is no such execution
     */
    public void stop(String executionArn, String error, String cause) {
        if (!executions.containsKey(executionArn)) {
            throw new SfnException("ExecutionDoesNotExist: " + executionArn);
        }
        Interpreter run = running.get(executionArn);
        if (run != null) {
            run.stop(error, cause);
        }
    }

    /** A worker's SendTaskSuccess. */
    public void sendTaskSuccess(String taskToken, JsonNode output) {
        pending(taskToken).complete(TaskResult.success(Objects.requireNonNull(output, "output")));
    }

    /** A worker's SendTaskFailure; error and cause may be null. */
    public void sendTaskFailure(String taskToken, String error, String cause) {
        pending(taskToken).complete(TaskResult.failure(error, cause));
    }

    /** A worker's SendTaskHeartbeat: restarts the task's HeartbeatSeconds. */
    public void sendTaskHeartbeat(String taskToken) {
        pending(taskToken).heartbeat(clock.now());
    }

    private TaskTokens.Pending pending(String taskToken) {
        TaskTokens.Pending pending = taskToken == null ? null : tokens.get(taskToken);
        if (pending == null) {
            throw new SfnException("TaskDoesNotExist: no task is waiting for token '" + taskToken + "'");
        }
        return pending;
    }

    static String executionArn(String stateMachineArn, String name) {
        int at = stateMachineArn.indexOf(":stateMachine:");
        if (at < 0) {
            throw new SfnException("InvalidArn: '" + stateMachineArn + "' is not a state machine ARN");
        }
        return stateMachineArn.substring(0, at) + ":execution:"
                + stateMachineArn.substring(at + ":stateMachine:".length()) + ":" + name;
    }
}
