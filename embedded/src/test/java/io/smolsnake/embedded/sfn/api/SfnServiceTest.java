package io.smolsnake.embedded.sfn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.embedded.sfn.TaskInvoker;
import io.smolsnake.embedded.sfn.TaskRequest;
import io.smolsnake.embedded.sfn.TaskResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SfnServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/smolsnake";
    private static final String WAIT_FOR_WORKER = """
            {"StartAt": "Install", "States": {"Install": {
              "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"QueueUrl": "q", "MessageBody": {"Package.$": "$.name", "Token.$": "$$.Task.Token"}},
              "ResultPath": "$.installed", "End": true}}}""";

    private final List<AutoCloseable> open = new ArrayList<>();
    /** Every token-waiting request the engine made, as a worker would receive them. */
    private final BlockingQueue<TaskRequest> sent = new LinkedBlockingQueue<>();
    private final TaskInvoker worker = request -> {
        sent.add(request);
        return CompletableFuture.completedFuture(TaskResult.success(JSON.createObjectNode().put("MessageId", "m")));
    };

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private SfnClient start(Path dataDir, TaskInvoker invoker) {
        SfnService service = SfnService.start(new SfnService.Options(0, dataDir, invoker));
        open.add(service);
        SfnClient sfn = Clients.sfn(service.endpoint());
        open.add(sfn);
        return sfn;
    }

    private static String create(SfnClient sfn, String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    @Test
    void runsAnExecutionAndPagesItsHistoryBothWays() throws Exception {
        // given a two-state machine
        SfnClient sfn = start(null, worker);
        String machine = create(sfn, "Hello", """
                {"StartAt": "Greet", "States": {
                  "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.who)"}, "Next": "Done"},
                  "Done": {"Type": "Succeed"}}}""");

        // when it runs
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("first").input("{\"who\": \"world\"}"))
                .executionArn();
        DescribeExecutionResponse done = Clients.awaitEnd(sfn, arn);

        // then DescribeExecution shows the output, and the history pages through in both orders
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:Hello:first", arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("{\"greeting\":\"hello world\"}", done.output());
        assertNotNull(done.stopDate());
        List<HistoryEventType> forward = history(sfn, arn, false);
        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED, HistoryEventType.SUCCEED_STATE_ENTERED,
                HistoryEventType.SUCCEED_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED), forward);
        List<HistoryEventType> backward = history(sfn, arn, true);
        List<HistoryEventType> reversed = new ArrayList<>(backward);
        java.util.Collections.reverse(reversed);
        assertEquals(forward, reversed);
        HistoryEvent entered = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(2)).events().get(1);
        assertEquals("Greet", entered.stateEnteredEventDetails().name());
        assertEquals("{\"who\":\"world\"}", entered.stateEnteredEventDetails().input());
    }

    /** Reads the whole history two events at a time. */
    private static List<HistoryEventType> history(SfnClient sfn, String arn, boolean reverse) {
        List<HistoryEventType> types = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetExecutionHistoryResponse page = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(2)
                    .reverseOrder(reverse).nextToken(next));
            assertTrue(page.events().size() <= 2);
            page.events().forEach(e -> types.add(e.type()));
            token = page.nextToken();
        } while (token != null);
        return types;
    }

    @Test
    void rejectsAnInvalidDefinitionNamingWhereItIsWrong() {
        SfnClient sfn = start(null, worker);

        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> create(sfn, "Broken",
                """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"""));

        assertTrue(e.awsErrorDetails().errorMessage().contains("/States/A/Next"), e.awsErrorDetails().errorMessage());
        assertTrue(sfn.listStateMachines(b -> { }).stateMachines().isEmpty());
    }

    @Test
    void startsTheSameExecutionAgainForTheSameNameAndInputButNotForOtherInput() throws Exception {
        // given a running execution
        SfnClient sfn = start(null, worker);
        String machine = create(sfn, "Install", WAIT_FOR_WORKER);
        String first = sfn.startExecution(b -> b.stateMachineArn(machine).name("numpy").input("{\"name\": \"numpy\"}"))
                .executionArn();

        // when it is started again with the same name
        String again = sfn.startExecution(b -> b.stateMachineArn(machine).name("numpy")
                .input("{ \"name\" : \"numpy\" }")).executionArn();
        ExecutionAlreadyExistsException different = assertThrows(ExecutionAlreadyExistsException.class,
                () -> sfn.startExecution(b -> b.stateMachineArn(machine).name("numpy").input("{\"name\": \"scipy\"}")));

        // then the same input is the same execution, other input an error; only one ran
        assertEquals(first, again);
        assertEquals("Execution Already Exists: '" + first + "'", different.awsErrorDetails().errorMessage());
        assertEquals(1, sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().size());
        assertNotNull(sent.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void answersAwsErrorCodesForBadCalls() throws Exception {
        SfnClient sfn = start(null, worker);
        String machine = create(sfn, "Install", WAIT_FOR_WORKER);
        String missing = machine.replace(":stateMachine:", ":execution:") + ":nope";

        assertEquals("Execution Does Not Exist: '" + missing + "'", assertThrows(ExecutionDoesNotExistException.class,
                () -> sfn.describeExecution(b -> b.executionArn(missing))).awsErrorDetails().errorMessage());
        assertThrows(StateMachineDoesNotExistException.class,
                () -> sfn.startExecution(b -> b.stateMachineArn(machine + "Gone")));
        assertThrows(InvalidArnException.class, () -> sfn.describeStateMachine(b -> b.stateMachineArn("not-an-arn")));
        assertThrows(InvalidTokenException.class, () -> sfn.sendTaskSuccess(b -> b.taskToken("forged").output("{}")));
        assertThrows(ExecutionNotRedrivableException.class, () -> {
            String running = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"name\": \"x\"}"))
                    .executionArn();
            sfn.redriveExecution(b -> b.executionArn(running));
        });

        // a token whose task has ended is refused as AWS refuses it
        TaskRequest request = sent.poll(10, TimeUnit.SECONDS);
        sfn.sendTaskSuccess(b -> b.taskToken(request.taskToken()).output("{\"ok\": true}"));
        TaskTimedOutException late = assertThrows(TaskTimedOutException.class,
                () -> sfn.sendTaskSuccess(b -> b.taskToken(request.taskToken()).output("{}")));
        assertEquals("Task Timed Out: 'Provided task does not exist anymore'", late.awsErrorDetails().errorMessage());
    }

    @Test
    void workerFailureAndHeartbeatReachTheExecution() throws Exception {
        SfnClient sfn = start(null, worker);
        String machine = create(sfn, "Install", WAIT_FOR_WORKER);
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"name\": \"torch\"}")).executionArn();
        TaskRequest request = sent.poll(10, TimeUnit.SECONDS);

        sfn.sendTaskHeartbeat(b -> b.taskToken(request.taskToken()));
        sfn.sendTaskFailure(b -> b.taskToken(request.taskToken()).error("Install.HashMismatch").cause("sha256 differs"));

        DescribeExecutionResponse done = Clients.awaitEnd(sfn, arn);
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("Install.HashMismatch", done.error());
        assertEquals("sha256 differs", done.cause());
        assertEquals("REDRIVABLE", done.redriveStatusAsString());
    }

    @Test
    void redriveRerunsOnlyTheFailedMapIterations() throws Exception {
        // given a Map whose item "b" fails on the first run
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        AtomicInteger runs = new AtomicInteger();
        TaskInvoker flaky = request -> {
            String item = request.parameters().get("item").asText();
            calls.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet();
            if (item.equals("b") && runs.get() == 0) {
                return CompletableFuture.completedFuture(TaskResult.failure("Install.Flaky", "network"));
            }
            return CompletableFuture.completedFuture(TaskResult.success(JSON.createObjectNode().put("done", item)));
        };
        SfnClient sfn = start(null, flaky);
        String machine = create(sfn, "Fan", """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                  "ItemProcessor": {"StartAt": "Install", "States": {"Install": {"Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:123456789012:function:install",
                    "Parameters": {"item.$": "$"}, "End": true}}},
                  "Next": "After"},
                  "After": {"Type": "Pass", "End": true}}}""");
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"items\": [\"a\", \"b\", \"c\"]}"))
                .executionArn();
        assertEquals(ExecutionStatus.FAILED, Clients.awaitEnd(sfn, arn).status());

        // when it is redriven
        runs.incrementAndGet();
        sfn.redriveExecution(b -> b.executionArn(arn));
        DescribeExecutionResponse done = Clients.awaitEnd(sfn, arn);

        // then "a" kept its result and ran once; "b" ran again; the history tells the redrive
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("[{\"done\":\"a\"},{\"done\":\"b\"},{\"done\":\"c\"}]", done.output());
        assertEquals(1, done.redriveCount());
        assertNotNull(done.redriveDate());
        assertEquals(1, calls.get("a").get());
        assertEquals(2, calls.get("b").get());
        List<HistoryEventType> types = history(sfn, arn, false);
        assertEquals(1, types.stream().filter(HistoryEventType.EXECUTION_REDRIVEN::equals).count());
        assertEquals(HistoryEventType.EXECUTION_SUCCEEDED, types.get(types.size() - 1));
        assertThrows(ExecutionNotRedrivableException.class, () -> sfn.redriveExecution(b -> b.executionArn(arn)));
    }

    @Test
    void executionWaitingForAWorkerSurvivesARestartAndHearsTheSameToken(@TempDir Path data) throws Exception {
        // given an execution waiting for its worker when the service stops
        SfnClient before = start(data, worker);
        String machine = create(before, "Install", WAIT_FOR_WORKER);
        String arn = before.startExecution(b -> b.stateMachineArn(machine).name("numpy")
                .input("{\"name\": \"numpy\"}")).executionArn();
        String token = sent.poll(10, TimeUnit.SECONDS).taskToken();
        close();
        open.clear();

        // when a new service starts on the same data directory and the worker answers
        SfnClient after = start(data, worker);
        assertEquals(ExecutionStatus.RUNNING, after.describeExecution(b -> b.executionArn(arn)).status());
        after.sendTaskSuccess(b -> b.taskToken(token).output("{\"path\": \"/store/numpy\"}"));

        // then the execution ends as if nothing happened, and the worker got one message only
        DescribeExecutionResponse done = Clients.awaitEnd(after, arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("{\"name\":\"numpy\",\"installed\":{\"path\":\"/store/numpy\"}}", done.output());
        assertNull(sent.poll());
        assertEquals("Install", after.describeStateMachine(b -> b.stateMachineArn(machine)).name());
    }

    @Test
    void keepsEndedExecutionsAcrossARestart(@TempDir Path data) throws Exception {
        SfnClient before = start(data, worker);
        String machine = create(before, "Quick", "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");
        String arn = before.startExecution(b -> b.stateMachineArn(machine).input("{\"x\": 1}")).executionArn();
        Clients.awaitEnd(before, arn);
        close();
        open.clear();

        SfnClient after = start(data, worker);

        DescribeExecutionResponse d = after.describeExecution(b -> b.executionArn(arn));
        assertEquals(ExecutionStatus.SUCCEEDED, d.status());
        assertEquals("{\"x\":1}", d.output());
        assertEquals(4, after.getExecutionHistory(b -> b.executionArn(arn)).events().size());
    }
}
