package io.smolsnake.embedded.sfn.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smolsnake.embedded.sfn.api.Clients;
import io.smolsnake.embedded.sfn.api.SfnService;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The integrations against real endpoints: a real ElasticMQ, and a tiny Lambda that answers the
 * Invoke API (echo, or a function error for the function named {@code broken}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AwsIntegrationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/x";

    private static HttpServer lambda;
    private static SqsService sqsService;
    private static AwsIntegrations integrations;
    private static SfnService sfnService;
    private static SfnClient sfn;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        lambda = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lambda.createContext("/2015-03-31/functions/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String function = path.split("/")[3];
            byte[] request = exchange.getRequestBody().readAllBytes();
            byte[] body;
            if (function.endsWith("broken")) {
                exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
                body = "{\"errorType\": \"Install.HashMismatch\", \"errorMessage\": \"sha256 differs\"}"
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                body = request;
            }
            exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        lambda.start();
        sqsService = SqsService.start(0);
        integrations = AwsIntegrations.of(URI.create("http://127.0.0.1:" + lambda.getAddress().getPort()),
                sqsService.endpoint(), null);
        sfnService = SfnService.start(new SfnService.Options(0, null, integrations));
        sfn = Clients.sfn(sfnService.endpoint());
        sqs = Clients.sqs(sqsService.endpoint());
    }

    @AfterAll
    static void stop() {
        sfn.close();
        sqs.close();
        sfnService.close();
        sqsService.close();
        lambda.stop(0);
    }

    private static DescribeExecutionResponse run(String name, String definition, String input) throws Exception {
        String machine = sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE))
                .stateMachineArn();
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        return Clients.awaitEnd(sfn, arn);
    }

    @Test
    void lambdaInvokeAnswersAwsEnvelope() throws Exception {
        DescribeExecutionResponse done = run("Envelope", """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "echo", "Payload.$": "$"}, "End": true}}}""", "{\"n\": 1}");

        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals(JSON.readTree("{\"ExecutedVersion\": \"$LATEST\", \"Payload\": {\"n\": 1}, \"StatusCode\": 200}"),
                JSON.readTree(done.output()));
    }

    @Test
    void bareFunctionArnAnswersThePayloadAlone() throws Exception {
        DescribeExecutionResponse done = run("Bare", """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:echo", "End": true}}}""", "{\"n\": 2}");

        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("{\"n\":2}", done.output());
    }

    @Test
    void functionErrorFailsWithTheErrorTheFunctionNames() throws Exception {
        DescribeExecutionResponse done = run("Broken", """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "broken", "Payload": {}}, "End": true}}}""", "{}");

        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("Install.HashMismatch", done.error());
        assertEquals("{\"errorType\": \"Install.HashMismatch\", \"errorMessage\": \"sha256 differs\"}", done.cause());
    }

    @Test
    void sendMessageWaitsForTheWorkerWhoAnswersWithTheTokenFromTheMessage() throws Exception {
        // given a queue and an execution that sends its token there
        String queue = sqs.createQueue(b -> b.queueName("install")).queueUrl();
        String machine = sfn.createStateMachine(b -> b.name("Install").roleArn(ROLE).definition("""
                {"StartAt": "Send", "States": {"Send": {"Type": "Task",
                  "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl": "%s", "MessageBody": {"package.$": "$.package", "token.$": "$$.Task.Token"}},
                  "ResultPath": "$.result", "End": true}}}""".formatted(queue))).stateMachineArn();
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"package\": \"numpy\"}"))
                .executionArn();

        // when a worker receives the message and answers with its token
        List<Message> messages = List.of();
        while (messages.isEmpty()) {
            messages = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages();
        }
        JsonNode body = JSON.readTree(messages.get(0).body());
        sfn.sendTaskSuccess(b -> b.taskToken(body.get("token").asText()).output("{\"installed\": true}"));

        // then the execution ends with the worker's answer
        DescribeExecutionResponse done = Clients.awaitEnd(sfn, arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("numpy", body.get("package").asText());
        assertEquals("{\"package\":\"numpy\",\"result\":{\"installed\":true}}", done.output());
    }

    @Test
    void sendMessageAnswersTheMessageIdAndTheMessageArrives() throws Exception {
        String queue = sqs.createQueue(b -> b.queueName("plain")).queueUrl();
        DescribeExecutionResponse done = run("Plain", """
                {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl": "%s", "MessageBody": "hello"}, "End": true}}}""".formatted(queue), "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        JsonNode output = JSON.readTree(done.output());
        assertEquals("5d41402abc4b2a76b9719d911017c592", output.get("MD5OfMessageBody").asText());
        Message m = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)).messages().get(0);
        assertEquals("hello", m.body());
        assertEquals(m.messageId(), output.get("MessageId").asText());
    }

    @Test
    void missingQueueFailsTheTaskWithTheSqsErrorName() throws Exception {
        DescribeExecutionResponse done = run("NoQueue", """
                {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl": "%s/000000000000/nope", "MessageBody": "x"}, "End": true}}}"""
                .formatted(sqsService.endpoint()), "{}");

        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("SQS.QueueDoesNotExistException", done.error());
    }
}
