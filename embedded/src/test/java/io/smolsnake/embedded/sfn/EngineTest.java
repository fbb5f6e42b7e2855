package io.smolsnake.embedded.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:Install";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final VirtualClock clock = new VirtualClock(START);
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        background.shutdownNow();
        background.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void finishesTaskWhenWorkerSendsTaskSuccessWithTheToken() throws Exception {
        // given a task that sends its token to a queue and waits
        CompletableFuture<TaskRequest> sent = new CompletableFuture<>();
        Engine engine = new Engine(request -> {
            sent.complete(request);
            return CompletableFuture.completedFuture(TaskResult.success(json("{\"MessageId\": \"m-1\"}")));
        }, clock, background);
        StateMachine machine = StateMachine.parse("""
                {"StartAt": "Install", "States": {"Install": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl": "q", "MessageBody": {"Package.$": "$.name", "Token.$": "$$.Task.Token"}},
                  "ResultPath": "$.installed", "End": true}}}""");
        Execution execution = engine.start(machine, ARN, "run-1", json("{\"name\": \"numpy\"}"));

        // when the worker answers
        TaskRequest request = sent.get(10, TimeUnit.SECONDS);
        engine.sendTaskSuccess(request.taskToken(), json("{\"path\": \"/store/numpy\"}"));

        // then the execution succeeds with the worker's output, after a TaskSubmitted event
        assertEquals(ExecutionStatus.SUCCEEDED, execution.awaitTermination());
        assertEquals(json("{\"name\": \"numpy\", \"installed\": {\"path\": \"/store/numpy\"}}"), execution.output());
        assertEquals(request.taskToken(), request.parameters().at("/MessageBody/Token").asText());
        assertEquals("arn:aws:states:eu-west-1:123456789012:execution:Install:run-1", execution.arn());
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"), types(execution));
        HistoryEvent scheduled = execution.history().get(2);
        assertEquals("taskScheduledEventDetails", scheduled.detailsField());
        assertEquals("sqs", scheduled.details().get("resourceType").asText());
        assertEquals("sendMessage.waitForTaskToken", scheduled.details().get("resource").asText());
        assertEquals("eu-west-1", scheduled.details().get("region").asText());
    }

    @Test
    void failsTaskWithStatesTimeoutWhenNoHeartbeatArrives() throws Exception {
        // given a worker that never answers nor beats
        Engine engine = new Engine(request -> CompletableFuture.completedFuture(TaskResult.success(json("{}"))),
                clock, Runnable::run);
        StateMachine machine = StateMachine.parse("""
                {"StartAt": "Install", "States": {"Install": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "TimeoutSeconds": 600, "HeartbeatSeconds": 60, "End": true}}}""");

        // when it runs
        Execution execution = engine.start(machine, ARN, "run-2", json("{}"));

        // then the heartbeat, not the timeout, ended it
        assertEquals(ExecutionStatus.FAILED, execution.awaitTermination());
        assertEquals("States.Timeout", execution.error());
        assertEquals(START.plusSeconds(60), clock.now());
        assertEquals("TaskTimedOut", types(execution).get(5));
    }

    @Test
    void retriesWithBackoffAndCountsRetriesInTheContextObject() throws Exception {
        // given a resource that fails twice, then succeeds
        List<Integer> retryCounts = new ArrayList<>();
        Engine engine = new Engine(request -> {
            int retry = request.context().at("/State/RetryCount").asInt();
            retryCounts.add(retry);
            return CompletableFuture.completedFuture(retry < 2 ? TaskResult.failure("Install.Busy", "try later")
                    : TaskResult.success(json("\"done\"")));
        }, clock, Runnable::run);
        StateMachine machine = StateMachine.parse("""
                {"StartAt": "Install", "States": {"Install": {
                  "Type": "Task", "Resource": "arn:aws:lambda:eu-west-1:123456789012:function:install",
                  "Retry": [{"ErrorEquals": ["Install.Busy"], "IntervalSeconds": 2, "BackoffRate": 3}],
                  "End": true}}}""");

        // when it runs
        Execution execution = engine.start(machine, ARN, "run-3", json("{}"));

        // then it waited 2 s, then 6 s, and succeeded on the third attempt
        assertEquals(ExecutionStatus.SUCCEEDED, execution.awaitTermination());
        assertEquals(json("\"done\""), execution.output());
        assertEquals(List.of(0, 1, 2), retryCounts);
        assertEquals(START.plusSeconds(8), clock.now());
    }

    @Test
    void catchesAnErrorIntoResultPathAndContinues() throws Exception {
        Engine engine = new Engine(request -> CompletableFuture.completedFuture(
                TaskResult.failure("Lock.Unsatisfiable", "numpy>=3 has no wheel")), clock, Runnable::run);
        StateMachine machine = StateMachine.parse("""
                {"StartAt": "Lock", "States": {
                  "Lock": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
                    "Catch": [{"ErrorEquals": ["Lock.Unsatisfiable"], "ResultPath": "$.error", "Next": "Report"}]},
                  "Report": {"Type": "Pass", "End": true},
                  "Done": {"Type": "Succeed"}}}""");

        Execution execution = engine.start(machine, ARN, "run-4", json("{\"lock\": 1}"));

        assertEquals(ExecutionStatus.SUCCEEDED, execution.awaitTermination());
        assertEquals(json("{\"lock\": 1, \"error\": {\"Error\": \"Lock.Unsatisfiable\", \"Cause\": \"numpy>=3 has no wheel\"}}"),
                execution.output());
    }

    @Test
    void timesOutTheExecutionAtItsTimeoutSeconds() throws Exception {
        Engine engine = new Engine(request -> new CompletableFuture<>(), clock, Runnable::run);
        StateMachine machine = StateMachine.parse("""
                {"StartAt": "W", "TimeoutSeconds": 5, "States": {
                  "W": {"Type": "Wait", "Seconds": 60, "End": true}}}""");

        Execution execution = engine.start(machine, ARN, "run-5", json("{}"));

        assertEquals(ExecutionStatus.TIMED_OUT, execution.awaitTermination());
        assertEquals(START.plusSeconds(5), clock.now());
        assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut"), types(execution));
        assertNull(execution.output());
    }

    @Test
    @Timeout(30)
    void runsMapIterationsConcurrentlyUpToMaxConcurrency() throws Exception {
        // given a Map over three packages whose tasks all wait on one gate
        CompletableFuture<Void> gate = new CompletableFuture<>();
        List<String> started = java.util.Collections.synchronizedList(new ArrayList<>());
        Engine engine = new Engine(request -> {
            started.add(request.parameters().asText());
            return gate.thenApply(v -> TaskResult.success(request.parameters()));
        }, EngineClock.system(), background);
        StateMachine machine = StateMachine.parse("""
                {"StartAt": "Install", "States": {"Install": {"Type": "Map", "MaxConcurrency": 2, "End": true,
                  "ItemProcessor": {"StartAt": "One", "States": {"One": {
                    "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}""");

        // when it runs until two tasks wait
        Execution execution = engine.start(machine, ARN, "run-6", json("[\"a\", \"b\", \"c\"]"));
        while (started.size() < 2) {
            Thread.onSpinWait();
        }
        int whileBlocked = started.size();
        gate.complete(null);

        // then only two ran at once, and results keep the input order
        assertEquals(ExecutionStatus.SUCCEEDED, execution.awaitTermination());
        assertEquals(2, whileBlocked);
        assertEquals(json("[\"a\", \"b\", \"c\"]"), execution.output());
    }

    @Test
    void stopsAWaitingExecutionAsAborted() throws Exception {
        // given an execution waiting for a worker that never answers
        CompletableFuture<TaskRequest> sent = new CompletableFuture<>();
        Engine engine = new Engine(request -> {
            sent.complete(request);
            return CompletableFuture.completedFuture(TaskResult.success(json("{}")));
        }, clock, background);
        StateMachine machine = StateMachine.parse("""
                {"StartAt": "Install", "States": {"Install": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}}""");
        Execution execution = engine.start(machine, ARN, "run-7", json("{}"));
        String token = sent.get(10, TimeUnit.SECONDS).taskToken();

        // when it is stopped
        engine.stop(execution.arn(), "User.Cancelled", "deploy cancelled");

        // then it ends ABORTED, and the token is no longer accepted
        assertEquals(ExecutionStatus.ABORTED, execution.awaitTermination());
        assertEquals("User.Cancelled", execution.error());
        List<String> types = types(execution);
        assertEquals(List.of("TaskStateAborted", "ExecutionAborted"), types.subList(types.size() - 2, types.size()));
        SfnException late = assertThrows(SfnException.class, () -> engine.sendTaskSuccess(token, json("{}")));
        assertEquals("TaskTimedOut: Task Timed Out: 'Provided task does not exist anymore'", late.getMessage());
    }

    @Test
    void rejectsACallbackForATokenItNeverIssued() {
        Engine engine = new Engine(request -> new CompletableFuture<>(), clock, Runnable::run);
        SfnException e = assertThrows(SfnException.class, () -> engine.sendTaskSuccess("nope", json("{}")));
        assertEquals("InvalidToken: Invalid token", e.getMessage());
    }

    @Test
    void rejectsASecondExecutionWithTheSameName() {
        Engine engine = new Engine(request -> new CompletableFuture<>(), clock, Runnable::run);
        StateMachine machine = StateMachine.parse("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}");
        engine.start(machine, ARN, "same", json("{}"));
        SfnException e = assertThrows(SfnException.class, () -> engine.start(machine, ARN, "same", json("{}")));
        assertEquals("ExecutionAlreadyExists: arn:aws:states:eu-west-1:123456789012:execution:Install:same",
                e.getMessage());
        assertEquals(Duration.ZERO, Duration.between(START, clock.now()));
    }

    private static List<String> types(Execution execution) {
        List<String> out = new ArrayList<>();
        execution.history().forEach(e -> out.add(e.type()));
        return out;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
