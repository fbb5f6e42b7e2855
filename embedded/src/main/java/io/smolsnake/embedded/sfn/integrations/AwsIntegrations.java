package io.smolsnake.embedded.sfn.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smolsnake.embedded.sfn.TaskInvoker;
import io.smolsnake.embedded.sfn.TaskRequest;
import io.smolsnake.embedded.sfn.TaskResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * The Task resources the pipeline uses, run against real endpoints through the AWS SDK:
 *
 * <ul>
 *   <li>{@code arn:aws:states:::lambda:invoke} (and {@code .waitForTaskToken}): answers AWS's
 *       envelope {@code {"ExecutedVersion", "Payload", "StatusCode"}};
 *   <li>a bare function ARN ({@code arn:aws:lambda:…:function:NAME}): answers the payload alone;
 *   <li>{@code arn:aws:states:::sqs:sendMessage} (and {@code .waitForTaskToken}): answers
 *       {@code {"MessageId", "MD5OfMessageBody"}}.
 * </ul>
 *
 * A function error fails the task with the error the function names ({@code errorType}), the
 * error payload as cause; an SDK error with {@code Lambda.<Exception>} or {@code SQS.<Exception>}.
 * Any other resource goes to the fallback invoker. Calls run on a small pool of their own (at most
 * {@value #CONCURRENT_CALLS} at once) so the task's TimeoutSeconds can cut them short.
 */
public final class AwsIntegrations implements TaskInvoker, AutoCloseable {
    static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    static final String SQS_SEND = "arn:aws:states:::sqs:sendMessage";
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:[^:]+:lambda:[^:]*:[^:]*:function:.+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaClient lambda;
    private final SqsClient sqs;
    private final TaskInvoker fallback;
    /**
     * How many calls run at once. A 1,000-item Map would otherwise open 1,000 connections to the
     * same endpoint at the same moment, more than a loopback server accepts in time.
     */
    static final int CONCURRENT_CALLS = 16;

    private final ExecutorService calls = Executors.newFixedThreadPool(CONCURRENT_CALLS, r -> {
        Thread t = new Thread(r, "sfn-integration");
        t.setDaemon(true);
        return t;
    });

    /**
     * Clients for the endpoints given (either may be null: its resources then fail with
     * {@code States.TaskFailed} naming the missing endpoint).
     */
    public static AwsIntegrations of(URI lambdaEndpoint, URI sqsEndpoint, TaskInvoker fallback) {
        return new AwsIntegrations(lambdaEndpoint == null ? null : AwsClients.lambda(lambdaEndpoint),
                sqsEndpoint == null ? null : AwsClients.sqs(sqsEndpoint), fallback);
    }

    AwsIntegrations(LambdaClient lambda, SqsClient sqs, TaskInvoker fallback) {
        this.lambda = lambda;
        this.sqs = sqs;
        this.fallback = fallback == null ? unsupported() : fallback;
    }

    /** A fallback that fails every task with {@code States.TaskFailed} naming the resource. */
    public static TaskInvoker unsupported() {
        return request -> CompletableFuture.completedFuture(new TaskResult.Failure("States.TaskFailed",
                "the embedded Step Functions does not support the resource " + request.resource()));
    }

    @Override
    public CompletionStage<TaskResult> invoke(TaskRequest request) {
        String base = request.baseResource();
        if (base.equals(LAMBDA_INVOKE)) {
            return CompletableFuture.supplyAsync(() -> invokeLambda(request.parameters(), true), calls);
        }
        if (FUNCTION_ARN.matcher(request.resource()).matches()) {
            ObjectNode call = JSON.createObjectNode();
            call.put("FunctionName", request.resource());
            call.set("Payload", request.parameters());
            return CompletableFuture.supplyAsync(() -> invokeLambda(call, false), calls);
        }
        if (base.equals(SQS_SEND)) {
            return CompletableFuture.supplyAsync(() -> sendMessage(request.parameters()), calls);
        }
        return fallback.invoke(request);
    }

    private TaskResult invokeLambda(JsonNode parameters, boolean envelope) {
        if (lambda == null) {
            return new TaskResult.Failure("States.TaskFailed", "no Lambda endpoint is configured");
        }
        JsonNode name = parameters.get("FunctionName");
        if (name == null || !name.isTextual()) {
            return new TaskResult.Failure("States.Runtime", "lambda:invoke needs a FunctionName string, got "
                    + parameters);
        }
        InvokeRequest.Builder call = InvokeRequest.builder().functionName(name.textValue());
        JsonNode payload = parameters.get("Payload");
        if (payload != null) {
            call.payload(SdkBytes.fromUtf8String(payload.toString()));
        }
        text(parameters, "InvocationType").ifPresent(call::invocationType);
        text(parameters, "Qualifier").ifPresent(call::qualifier);
        text(parameters, "ClientContext").ifPresent(call::clientContext);
        InvokeResponse response;
        try {
            response = lambda.invoke(call.build());
        } catch (AwsServiceException e) {
            return new TaskResult.Failure("Lambda." + serviceErrorName(e), e.getMessage());
        } catch (SdkException e) {
            return new TaskResult.Failure("Lambda.SdkClientException", e.getMessage());
        }
        String body = response.payload() == null ? "" : response.payload().asUtf8String();
        JsonNode result = parse(body);
        if (response.functionError() != null) {
            JsonNode type = result.get("errorType");
            String error = type != null && type.isTextual() ? type.textValue() : "Lambda.Unknown";
            return new TaskResult.Failure(error, body);
        }
        if (!envelope) {
            return new TaskResult.Success(result);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("ExecutedVersion", response.executedVersion() == null ? "$LATEST" : response.executedVersion());
        out.set("Payload", result);
        out.put("StatusCode", response.statusCode() == null ? 200 : response.statusCode());
        return new TaskResult.Success(out);
    }

    private TaskResult sendMessage(JsonNode parameters) {
        if (sqs == null) {
            return new TaskResult.Failure("States.TaskFailed", "no SQS endpoint is configured");
        }
        JsonNode url = parameters.get("QueueUrl");
        JsonNode body = parameters.get("MessageBody");
        if (url == null || !url.isTextual() || body == null) {
            return new TaskResult.Failure("States.Runtime", "sqs:sendMessage needs QueueUrl and MessageBody, got "
                    + parameters);
        }
        SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(url.textValue())
                .messageBody(body.isTextual() ? body.textValue() : body.toString());
        JsonNode delay = parameters.get("DelaySeconds");
        if (delay != null && delay.canConvertToInt()) {
            send.delaySeconds(delay.intValue());
        }
        text(parameters, "MessageGroupId").ifPresent(send::messageGroupId);
        text(parameters, "MessageDeduplicationId").ifPresent(send::messageDeduplicationId);
        JsonNode attributes = parameters.get("MessageAttributes");
        if (attributes != null && attributes.isObject()) {
            Map<String, MessageAttributeValue> values = new java.util.LinkedHashMap<>();
            attributes.fields().forEachRemaining(e -> values.put(e.getKey(), MessageAttributeValue.builder()
                    .dataType(e.getValue().path("DataType").asText("String"))
                    .stringValue(e.getValue().path("StringValue").asText(null))
                    .build()));
            send.messageAttributes(values);
        }
        SendMessageResponse response;
        try {
            response = sqs.sendMessage(send.build());
        } catch (AwsServiceException e) {
            return new TaskResult.Failure("SQS." + serviceErrorName(e), e.getMessage());
        } catch (SdkException e) {
            return new TaskResult.Failure("SQS.SdkClientException", e.getMessage());
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("MD5OfMessageBody", response.md5OfMessageBody());
        out.put("MessageId", response.messageId());
        return new TaskResult.Success(out);
    }

    /** The SDK's modelled exception ({@code ResourceNotFoundException}), else the service's error code. */
    private static String serviceErrorName(AwsServiceException e) {
        String name = e.getClass().getSimpleName();
        if (!name.equals("LambdaException") && !name.equals("SqsException")) {
            return name;
        }
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "AWSException" : code;
    }

    private static java.util.Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? java.util.Optional.of(v.textValue()) : java.util.Optional.empty();
    }

    /** The function's answer as JSON, or as a JSON string when it is not JSON. */
    private static JsonNode parse(String body) {
        if (body.isEmpty()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(body);
        } catch (java.io.IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
        if (lambda != null) {
            lambda.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }
}
