package io.smolsnake.embedded.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pipeline task's handler running in the endpoint's own JVM. Its logs are what it writes through
 * {@link Context#getLogger()}. A thrown exception becomes the error document the Java runtime
 * writes; its {@code errorType} is the exception's class name, as Lambda's Java runtime reports it
 * (the stages name their errors by class: {@code Verify.ImportFailed} is class {@code ImportFailed}
 * in package {@code Verify}).
 */
final class JavaHandler {
    private final RequestStreamHandler handler;
    private final String description;

    JavaHandler(RequestStreamHandler handler, String description) {
        this.handler = handler;
        this.description = description;
    }

    String describe() {
        return description;
    }

    Invocation invoke(ObjectMapper json, ExecutorService threads, FunctionConfig config, String requestId,
            byte[] payload, String invokedArn, java.util.function.Consumer<String> logSink) {
        long start = System.nanoTime();
        StringBuilder logs = new StringBuilder("START RequestId: " + requestId + " Version: " + config.version() + "\n");
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(config.timeout());
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                synchronized (logs) {
                    logs.append(message);
                    if (!message.endsWith("\n")) {
                        logs.append('\n');
                    }
                }
                logSink.accept(config.name() + " | " + message.stripTrailing());
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
        Context context = new TaskContext(config, requestId, invokedArn, deadline, logger);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Future<?> run = threads.submit(() -> {
            handler.handleRequest(new ByteArrayInputStream(payload), out, context);
            return null;
        });
        byte[] body;
        String functionError = null;
        try {
            run.get(config.timeout(), TimeUnit.SECONDS);
            body = out.toByteArray();
        } catch (TimeoutException e) {
            run.cancel(true);
            functionError = "Unhandled";
            body = error(json, "Task timed out after " + config.timeout() + ".00 seconds", "Sandbox.Timedout", null);
        } catch (ExecutionException e) {
            functionError = "Unhandled";
            Throwable cause = e.getCause();
            logger.log(cause.toString());
            body = error(json, String.valueOf(cause.getMessage()), errorType(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel(true);
            functionError = "Unhandled";
            body = error(json, "interrupted", "Runtime.Interrupted", null);
        }
        double durationMs = (System.nanoTime() - start) / 1e6;
        Runtime runtime = Runtime.getRuntime();
        Invocation.Report report = new Invocation.Report(requestId, durationMs, (long) Math.ceil(durationMs),
                config.memorySize(), (runtime.totalMemory() - runtime.freeMemory()) >> 20, null);
        synchronized (logs) {
            logs.append("END RequestId: ").append(requestId).append('\n').append(report.line()).append('\n');
            return new Invocation(body, functionError, logs.toString(), config.version(), report);
        }
    }

    static String errorType(Throwable error) {
        return error.getClass().getName();
    }

    private static byte[] error(ObjectMapper json, String message, String type, Throwable cause) {
        ObjectNode node = json.createObjectNode().put("errorMessage", message).put("errorType", type);
        var trace = node.putArray("stackTrace");
        if (cause != null) {
            for (StackTraceElement element : cause.getStackTrace()) {
                trace.add(element.toString());
            }
            if (cause.getCause() != null) {
                node.putObject("cause").put("errorMessage", String.valueOf(cause.getCause().getMessage()))
                        .put("errorType", cause.getCause().getClass().getName());
            }
        }
        try {
            return json.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record TaskContext(FunctionConfig config, String requestId, String invokedArn, long deadline,
            LambdaLogger logger) implements Context {
        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + config.name();
        }

        @Override
        public String getLogStreamName() {
            return "local/[" + config.version() + "]embedded";
        }

        @Override
        public String getFunctionName() {
            return config.name();
        }

        @Override
        public String getFunctionVersion() {
            return config.version();
        }

        @Override
        public String getInvokedFunctionArn() {
            return invokedArn;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return config.memorySize();
        }

        @Override
        public LambdaLogger getLogger() {
            return logger;
        }
    }
}
