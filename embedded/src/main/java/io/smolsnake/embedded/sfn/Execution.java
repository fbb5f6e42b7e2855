package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;

/**
 * One run of a state machine, addressable by its ARN: what DescribeExecution and
 * GetExecutionHistory show. Thread-safe; the engine updates it while it runs.
 */
public final class Execution {
    private final String arn;
    private final String name;
    private final String stateMachineArn;
    private final JsonNode input;
    private final Instant startDate;
    private final StateMachine machine;
    private final ExecutionJournal journal;
    private final List<HistoryEvent> history = new ArrayList<>();
    /** Where each branch is and which tasks wait for a token: what a redrive or a restart resumes from. */
    private final NavigableMap<String, String> progress = new ConcurrentSkipListMap<>();
    private volatile CompletableFuture<ExecutionStatus> done = new CompletableFuture<>();
    private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    private volatile Instant stopDate;
    private volatile JsonNode output;
    private volatile String error;
    private volatile String cause;
    private volatile int redriveCount;
    private volatile Instant redriveDate;

    Execution(String arn, String name, String stateMachineArn, JsonNode input, Instant startDate,
              StateMachine machine, ExecutionJournal journal) {
        this.arn = arn;
        this.name = name;
        this.stateMachineArn = stateMachineArn;
        this.input = input;
        this.startDate = startDate;
        this.machine = machine;
        this.journal = journal;
    }

    /** An execution as a journal saved it. */
    static Execution restored(ExecutionJournal.Saved saved, StateMachine machine, ExecutionJournal journal) {
        ExecutionSnapshot s = saved.execution();
        Execution e = new Execution(s.arn(), s.name(), s.stateMachineArn(), s.input(), s.startDate(), machine, journal);
        e.history.addAll(saved.history());
        e.progress.putAll(saved.progress());
        e.status = s.status();
        e.stopDate = s.stopDate();
        e.output = s.output();
        e.error = s.error();
        e.cause = s.cause();
        e.redriveCount = s.redriveCount();
        e.redriveDate = s.redriveDate();
        if (s.status() != ExecutionStatus.RUNNING) {
            e.done.complete(s.status());
        }
        return e;
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    public JsonNode input() {
        return input.deepCopy();
    }

    public Instant startDate() {
        return startDate;
    }

    public ExecutionStatus status() {
        return status;
    }

    /** When the execution ended, or null while it runs. */
    public Instant stopDate() {
        return stopDate;
    }

    /** The output of a SUCCEEDED execution, else null. */
    public JsonNode output() {
        return output == null ? null : output.deepCopy();
    }

    /** The error of a FAILED or TIMED_OUT execution, else null. */
    public String error() {
        return error;
    }

    /** The cause of a FAILED execution, or null. */
    public String cause() {
        return cause;
    }

    /** How many times it was redriven. */
    public int redriveCount() {
        return redriveCount;
    }

    /** When it was last redriven, or null. */
    public Instant redriveDate() {
        return redriveDate;
    }

    /** The state machine this execution runs (its definition at start time). */
    public StateMachine stateMachine() {
        return machine;
    }

    /** Its state now, without the history. */
    public ExecutionSnapshot snapshot() {
        return new ExecutionSnapshot(arn, name, stateMachineArn, Json.text(machine.definition()), input.deepCopy(),
                startDate, status, stopDate, output == null ? null : output.deepCopy(), error, cause, redriveCount,
                redriveDate);
    }

    /** The number of history events so far. */
    public int historySize() {
        synchronized (history) {
            return history.size();
        }
    }

    /** A snapshot of the history so far, oldest first. */
    public List<HistoryEvent> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Blocks until the execution has ended and returns its final status. */
    public ExecutionStatus awaitTermination() throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("execution " + arn + " ended abnormally", e.getCause());
        }
    }

    /** A future completed with the final status (of the latest redrive, if any). */
    public CompletableFuture<ExecutionStatus> termination() {
        return done.copy();
    }

    HistoryEvent append(String type, ObjectNode details, long previousEventId, Instant at) {
        synchronized (history) {
            HistoryEvent event = new HistoryEvent(history.size() + 1, previousEventId, at, type, details);
            history.add(event);
            journal.appended(arn, event);
            return event;
        }
    }

    long lastEventId() {
        synchronized (history) {
            return history.size();
        }
    }

    void finish(ExecutionStatus status, JsonNode output, String error, String cause, Instant at) {
        this.output = output;
        this.error = error;
        this.cause = cause;
        this.stopDate = at;
        this.status = status;
        journal.saved(snapshot());
        done.complete(status);
    }

    /** RedriveExecution: running again, with what succeeded kept. */
    synchronized void redriven(Instant at) {
        redriveCount++;
        redriveDate = at;
        output = null;
        error = null;
        cause = null;
        stopDate = null;
        status = ExecutionStatus.RUNNING;
        done = new CompletableFuture<>();
        journal.saved(snapshot());
    }

    String progress(String key) {
        return progress.get(key);
    }

    void progress(String key, String value) {
        if (value == null) {
            progress.remove(key);
        } else {
            progress.put(key, value);
        }
        journal.progressed(arn, key, value);
    }

    /** Forgets every entry under a prefix (a Map or Parallel state entered afresh). */
    void clearProgress(String prefix) {
        Map<String, String> under = progress.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
        if (!under.isEmpty()) {
            under.clear();
            journal.progressCleared(arn, prefix);
        }
    }
}
