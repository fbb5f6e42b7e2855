package io.smolsnake.embedded.sfn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.embedded.sfn.Engine;
import io.smolsnake.embedded.sfn.EngineClock;
import io.smolsnake.embedded.sfn.Execution;
import io.smolsnake.embedded.sfn.ExecutionStatus;
import io.smolsnake.embedded.sfn.StateMachine;
import io.smolsnake.embedded.sfn.TaskInvoker;
import io.smolsnake.embedded.sfn.TaskRequest;
import io.smolsnake.embedded.sfn.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SfnStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:Install";

    private final BlockingQueue<TaskRequest> sent = new LinkedBlockingQueue<>();
    private final TaskInvoker worker = request -> {
        sent.add(request);
        return CompletableFuture.completedFuture(TaskResult.success(JSON.createObjectNode().put("MessageId", "m")));
    };

    @Test
    void mapHalfDoneWhenTheEngineStopsResumesKeepingDoneItemsAndWaitingTokens(@TempDir Path data) throws Exception {
        // given a Map of three items, one answered, two waiting, when the engine stops
        StateMachine machine = StateMachine.parse("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemProcessor": {"StartAt": "Install", "States": {"Install": {"Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"QueueUrl": "q", "MessageBody": {"item.$": "$"}}, "End": true}}},
                  "End": true}}}""");
        ExecutorService threads = Executors.newCachedThreadPool();
        SfnStore store = SfnStore.open(data);
        Engine engine = new Engine(worker, EngineClock.system(), threads, store);
        Execution first = engine.start(machine, MACHINE_ARN, "run", JSON.readTree("{\"items\": [\"a\", \"b\", \"c\"]}"));
        String[] tokens = new String[3];
        for (int i = 0; i < 3; i++) {
            TaskRequest r = sent.poll(10, TimeUnit.SECONDS);
            tokens[List.of("a", "b", "c").indexOf(r.parameters().at("/MessageBody/item").asText())] = r.taskToken();
        }
        engine.sendTaskSuccess(tokens[0], JSON.readTree("\"A\""));
        while (first.history().stream().noneMatch(e -> e.type().equals("MapIterationSucceeded"))) {
            Thread.sleep(5);
        }
        engine.close();
        threads.shutdownNow();
        store.close();

        // when a new engine recovers from the same directory and the workers answer the old tokens
        ExecutorService again = Executors.newCachedThreadPool();
        try (SfnStore reopened = SfnStore.open(data)) {
            Engine resumed = new Engine(worker, EngineClock.system(), again, reopened);
            List<Execution> running = resumed.recover();
            resumed.sendTaskSuccess(tokens[1], JSON.readTree("\"B\""));
            resumed.sendTaskSuccess(tokens[2], JSON.readTree("\"C\""));

            // then it ends with every result in order, and no task was sent a second time
            Execution execution = running.get(0);
            assertEquals(ExecutionStatus.SUCCEEDED, execution.awaitTermination());
            assertEquals(JSON.readTree("[\"A\", \"B\", \"C\"]"), execution.output());
            assertTrue(sent.isEmpty());
            assertEquals("ExecutionSucceeded", execution.history().get(execution.history().size() - 1).type());
        } finally {
            again.shutdownNow();
        }
        assertTrue(Files.exists(data.resolve(SfnStore.FILE_NAME)));
    }

    @Test
    void refusesAFileThatIsNotAStoreNamingIt(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve(SfnStore.FILE_NAME), "not a store");

        StoreException e = assertThrows(StoreException.class, () -> SfnStore.open(data));

        assertTrue(e.getMessage().startsWith("cannot open the Step Functions store " + data.resolve(SfnStore.FILE_NAME)),
                e.getMessage());
    }
}
