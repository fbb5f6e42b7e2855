package io.smolsnake.embedded.sfn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smolsnake.embedded.sfn.Engine;
import io.smolsnake.embedded.sfn.EngineClock;
import io.smolsnake.embedded.sfn.Execution;
import io.smolsnake.embedded.sfn.ExecutionStatus;
import io.smolsnake.embedded.sfn.StateMachine;
import io.smolsnake.embedded.sfn.TaskResult;
import io.smolsnake.embedded.sfn.api.Clients;
import io.smolsnake.embedded.sfn.api.SfnService;
import io.smolsnake.embedded.sfn.integrations.AwsIntegrations;
import io.smolsnake.embedded.sfn.integrations.SqsService;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * bench/sfn-map: an inline Map of N items, each through {@code sqs:sendMessage.waitForTaskToken},
 * and workers that answer at once (SQS receive + SendTaskSuccess over HTTP). Prints the wall
 * time of each execution, the per-item figures, and peak memory. A second run drives the engine
 * alone (the invoker answers the token in-process) to separate the engine's own cost from SQS
 * and HTTP.
 *
 * <p>Arguments: {@code [items=1000] [runs=3] [workers=8]}.
 */
public final class SfnMapBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/bench";

    private static final java.util.concurrent.atomic.LongAdder RECEIVE_NANOS = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder ANSWER_NANOS = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder ANSWERS = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder RECEIVES = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder DUPLICATES = new java.util.concurrent.atomic.LongAdder();

    private SfnMapBench() {}

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        ObjectNode input = JSON.createObjectNode();
        ArrayNode list = input.putArray("items");
        for (int i = 0; i < items; i++) {
            list.add("pkg-" + i);
        }
        System.out.printf("sfn-map: %d items, %d measured runs (+1 warm-up), %d workers, %d CPUs, java %s%n",
                items, runs, workers, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        try (SqsService sqsService = SqsService.start(0);
             SfnService sfnService = SfnService.start(new SfnService.Options(0, null,
                     AwsIntegrations.of(null, sqsService.endpoint(), null)));
             SfnClient sfn = Clients.sfn(sfnService.endpoint());
             SqsClient sqs = Clients.sqs(sqsService.endpoint())) {
            String queue = sqs.createQueue(b -> b.queueName("bench")).queueUrl();
            String machine = sfn.createStateMachine(b -> b.name("SfnMap").roleArn(ROLE)
                    .definition(definition(queue))).stateMachineArn();
            long c0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                try {
                    sfn.sendTaskHeartbeat(b -> b.taskToken("forged"));
                } catch (software.amazon.awssdk.services.sfn.model.InvalidTokenException expected) {
                    // the call's round trip is what is measured
                }
            }
            long c1 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                sfn.listStateMachines(b -> { });
            }
            System.out.printf("endpoint round trip: failing call %.2f ms, ListStateMachines %.2f ms%n",
                    (c1 - c0) / 1e6 / 100, (System.nanoTime() - c1) / 1e6 / 100);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            for (int w = 0; w < workers; w++) {
                pool.execute(() -> work(sqs, sfn, queue, stop));
            }
            List<Double> walls = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                long t0 = System.nanoTime();
                String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input(input.toString()))
                        .executionArn();
                DescribeExecutionResponse done = Clients.awaitEnd(sfn, arn);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (!done.statusAsString().equals("SUCCEEDED")) {
                    throw new IllegalStateException("execution " + arn + " ended " + done.status() + ": " + done.cause());
                }
                int events = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1).reverseOrder(true))
                        .events().get(0).id().intValue();
                System.out.printf("  %s: wall %.0f ms, %.3f ms/item, %d history events%n",
                        run == 0 ? "warm-up" : "run " + run, ms, ms / items, events);
                if (run > 0) {
                    walls.add(ms);
                }
            }
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            double best = walls.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double mean = walls.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            System.out.printf("worker: %d receives with messages, %.2f ms each; %d SendTaskSuccess, %.2f ms each "
                    + "(%d for redelivered messages)%n", RECEIVES.sum(),
                    RECEIVE_NANOS.sum() / 1e6 / Math.max(1, RECEIVES.sum()), ANSWERS.sum(),
                    ANSWER_NANOS.sum() / 1e6 / Math.max(1, ANSWERS.sum()), DUPLICATES.sum());
            System.out.printf("through SQS + HTTP worker: wall mean %.0f ms, best %.0f ms; per item (all included) "
                    + "mean %.3f ms, best %.3f ms%n", mean, best, mean / items, best / items);
        }

        double engineOnly = engineOnly(items, runs, input);
        System.out.printf("engine alone (token answered in-process): best %.0f ms, %.3f ms/item of engine overhead%n",
                engineOnly, engineOnly / items);
        memory();
        System.exit(0);
    }

    private static String definition(String queue) {
        return """
                {"StartAt": "Install", "States": {"Install": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemProcessor": {"StartAt": "Send", "States": {"Send": {"Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"QueueUrl": "%s", "MessageBody": {"package.$": "$", "token.$": "$$.Task.Token"}},
                    "End": true}}},
                  "ResultPath": "$.installed", "OutputPath": "$.installed[0]", "End": true}}}""".formatted(queue);
    }

    /** A worker: receives up to 10 messages, answers each token at once, deletes the batch. */
    private static void work(SqsClient sqs, SfnClient sfn, String queue, AtomicBoolean stop) {
        while (!stop.get()) {
            List<Message> messages;
            try {
                long r0 = System.nanoTime();
                messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                if (!messages.isEmpty()) {
                    RECEIVE_NANOS.add(System.nanoTime() - r0);
                    RECEIVES.increment();
                }
            } catch (RuntimeException e) {
                if (stop.get()) {
                    return;
                }
                throw e;
            }
            if (stop.get()) {
                return;
            }
            List<DeleteMessageBatchRequestEntry> delete = new ArrayList<>();
            for (Message m : messages) {
                JsonNode body;
                try {
                    body = JSON.readTree(m.body());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                long a0 = System.nanoTime();
                try {
                    sfn.sendTaskSuccess(b -> b.taskToken(body.get("token").asText())
                            .output("{\"installed\": \"" + body.get("package").asText() + "\"}"));
                } catch (software.amazon.awssdk.services.sfn.model.TaskTimedOutException redelivered) {
                    DUPLICATES.increment();
                }
                ANSWER_NANOS.add(System.nanoTime() - a0);
                ANSWERS.increment();
                delete.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                        .build());
            }
            if (!delete.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(delete));
            }
        }
    }

    /** The same Map on a bare engine whose invoker answers each token before returning; best wall time in ms. */
    private static double engineOnly(int items, int runs, JsonNode input) throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        AtomicReference<Engine> engine = new AtomicReference<>();
        engine.set(new Engine(request -> {
            engine.get().sendTaskSuccess(request.taskToken(), JSON.createObjectNode().put("ok", true));
            return CompletableFuture.completedFuture(TaskResult.success(JSON.createObjectNode().put("MessageId", "m")));
        }, EngineClock.system(), threads));
        StateMachine machine = StateMachine.parse(definition("http://queue"));
        double best = Double.MAX_VALUE;
        for (int run = 0; run <= runs; run++) {
            long t0 = System.nanoTime();
            Execution e = engine.get().start(machine, "arn:aws:states:us-east-1:123456789012:stateMachine:Bare",
                    "run-" + run, input);
            if (e.awaitTermination() != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("engine-only run ended " + e.status() + ": " + e.cause());
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            if (run > 0) {
                best = Math.min(best, ms);
            }
        }
        engine.get().close();
        threads.shutdownNow();
        return best;
    }

    private static void memory() throws java.io.IOException {
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        String hwm = "n/a";
        Path status = Path.of("/proc/self/status");
        if (Files.exists(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    hwm = line.substring("VmHWM:".length()).trim();
                }
            }
        }
        System.out.printf("peak memory: process resident (VmHWM) %s; Java heap pools peak %d MB (sum of pool peaks); "
                + "max heap %d MB%n", hwm, heapPeak / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
