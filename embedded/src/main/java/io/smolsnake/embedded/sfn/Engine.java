package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>With an {@link ExecutionJournal}, every execution's status, history and progress (where each
 * branch and Map iteration is, which task tokens are outstanding) is written down as it runs;
 * {@link #recover()} takes them up in a new engine. An execution that was RUNNING is resumed:
 * each branch continues at the state it had reached, and a task that was waiting for a task
 * token waits again for the same token, so a worker that answers after the restart is heard.
 * The same progress lets {@link #redrive} rerun only what did not succeed.
 */
public final class Engine implements AutoCloseable {
    private final TaskInvoker invoker;
    private final EngineClock clock;
    private final Executor executor;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final Map<String, Interpreter> running = new ConcurrentHashMap<>();
    private final Map<String, TaskTokens.Pending> tokens = new ConcurrentHashMap<>();
    private final Detachable journal;

    public Engine(TaskInvoker invoker, EngineClock clock, Executor executor) {
        this(invoker, clock, executor, ExecutionJournal.NONE);
    }

    public Engine(TaskInvoker invoker, EngineClock clock, Executor executor, ExecutionJournal journal) {
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.journal = new Detachable(Objects.requireNonNull(journal, "journal"));
    }

    /**
     * Stops writing to the journal, so that executions still running stay RUNNING there and the
     * next engine's {@link #recover()} resumes them; then stops them here. Shut the executor down
     * after this. Idempotent.
     */
    @Override
    public void close() {
        journal.detached = true;
        for (Interpreter run : running.values()) {
            run.stop(null, "engine closed");
        }
    }

    /** The journal until the engine closes; nothing after. */
    private static final class Detachable implements ExecutionJournal {
        private final ExecutionJournal target;
        volatile boolean detached;

        Detachable(ExecutionJournal target) {
            this.target = target;
        }

        @Override
        public void saved(ExecutionSnapshot execution) {
            if (!detached) {
                target.saved(execution);
            }
        }

        @Override
        public void appended(String executionArn, HistoryEvent event) {
            if (!detached) {
                target.appended(executionArn, event);
            }
        }

        @Override
        public void progressed(String executionArn, String key, String value) {
            if (!detached) {
                target.progressed(executionArn, key, value);
            }
        }

        @Override
        public void progressCleared(String executionArn, String keyPrefix) {
            if (!detached) {
                target.progressCleared(executionArn, keyPrefix);
            }
        }

        @Override
        public java.util.List<Saved> load() {
            return target.load();
        }
    }

    /**
     * Takes up every execution the journal holds: ended ones become visible again, RUNNING ones
     * are resumed where they were.
     *
     * @return the executions resumed
     */
    public List<Execution> recover() {
        List<Execution> resumed = new ArrayList<>();
        for (ExecutionJournal.Saved saved : journal.load()) {
            StateMachine machine = StateMachine.parse(saved.execution().definition());
            Execution execution = Execution.restored(saved, machine, journal);
            if (executions.putIfAbsent(execution.arn(), execution) != null) {
                continue;
            }
            if (execution.status() == ExecutionStatus.RUNNING) {
                // the tokens are answerable before this returns, even if the resumed task is not there yet
                saved.progress().forEach((key, token) -> {
                    if (key.startsWith(Progress.TOKEN_PREFIX)) {
                        tokens.putIfAbsent(token, new TaskTokens.Pending(clock.now()));
                    }
                });
                launch(execution, false);
                resumed.add(execution);
            }
        }
        return resumed;
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
                input == null ? Json.object() : input.deepCopy(), clock.now(), machine, journal);
        if (executions.putIfAbsent(arn, execution) != null) {
            throw new SfnException("ExecutionAlreadyExists: " + arn);
        }
        journal.saved(execution.snapshot());
        launch(execution, null);
        return execution;
    }

    /**
     * RedriveExecution: runs a FAILED, TIMED_OUT or ABORTED execution again from where it stopped.
     * States and Map iterations that succeeded keep their results; the states that failed (and the
     * iterations and branches that did not finish) run again, with fresh retry counts.
     *
     * @throws SfnException {@code ExecutionDoesNotExist}, or {@code ExecutionNotRedrivable} if it
     *     runs or succeeded
     */
    public Execution redrive(String executionArn) {
        Execution execution = executions.get(executionArn);
        if (execution == null) {
            throw new SfnException("ExecutionDoesNotExist: " + executionArn);
        }
        synchronized (execution) {
            ExecutionStatus status = execution.status();
            if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
                throw new SfnException("ExecutionNotRedrivable: execution " + executionArn + " is " + status
                        + "; only FAILED, TIMED_OUT and ABORTED executions can be redriven");
            }
            execution.redriven(clock.now());
            launch(execution, true);
        }
        return execution;
    }

    /** Runs an execution: from the start (redriven null), resumed after a restart (false) or redriven (true). */
    private void launch(Execution execution, Boolean redriven) {
        String arn = execution.arn();
        Interpreter run = new Interpreter(execution.stateMachine(), execution, invoker, clock, executor, tokens);
        running.put(arn, run);
        executor.execute(() -> {
            try {
                if (redriven == null) {
                    run.run();
                } else {
                    run.resume(redriven);
                }
            } finally {
                running.remove(arn, run);
            }
        });
    }

    public Optional<Execution> execution(String executionArn) {
        return Optional.ofNullable(executions.get(executionArn));
    }

    /** Every execution this engine knows, in no particular order. */
    public List<Execution> executions() {
        return List.copyOf(executions.values());
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
            String executionArn = TaskTokens.executionOf(taskToken);
            if (executionArn == null) {
                throw new SfnException("InvalidToken: Invalid token");
            }
            if (!executions.containsKey(executionArn)) {
                throw new SfnException("TaskDoesNotExist: no task is waiting for this token: execution "
                        + executionArn + " does not exist");
            }
            throw new SfnException("TaskTimedOut: Task Timed Out: 'Provided task does not exist anymore'");
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
