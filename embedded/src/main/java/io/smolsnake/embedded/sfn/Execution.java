package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    private final List<HistoryEvent> history = new ArrayList<>();
    private final CompletableFuture<ExecutionStatus> done = new CompletableFuture<>();
    private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    private volatile Instant stopDate;
    private volatile JsonNode output;
    private volatile String error;
    private volatile String cause;

    Execution(String arn, String name, String stateMachineArn, JsonNode input, Instant startDate) {
        this.arn = arn;
        this.name = name;
        this.stateMachineArn = stateMachineArn;
        this.input = input;
        this.startDate = startDate;
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

    /** A future completed with the final status. */
    public CompletableFuture<ExecutionStatus> termination() {
        return done.copy();
    }

    HistoryEvent append(String type, ObjectNode details, long previousEventId, Instant at) {
        synchronized (history) {
            HistoryEvent event = new HistoryEvent(history.size() + 1, previousEventId, at, type, details);
            history.add(event);
            return event;
        }
    }

    void finish(ExecutionStatus status, JsonNode output, String error, String cause, Instant at) {
        this.output = output;
        this.error = error;
        this.cause = cause;
        this.stopDate = at;
        this.status = status;
        done.complete(status);
    }
}
