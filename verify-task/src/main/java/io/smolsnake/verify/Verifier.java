package io.smolsnake.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.core.stage.StageException;
import io.smolsnake.core.stage.StageLog;
import io.smolsnake.core.stage.VerifyRequest;
import io.smolsnake.core.stage.VerifyResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The Verify stage: invoke the new version with the verify request (every top-level module of
 * the locked packages imported) and the project's smoke event; on success point the alias at
 * the version, on failure leave it and fail with {@code Verify.ImportFailed} or
 * {@code Verify.SmokeFailed}, carrying the function's error and log tail.
 */
public final class Verifier {
    static final String VERIFY_EVENT = "{\"smolsnake\":{\"verify\":{}}}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LambdaClient lambda;

    public Verifier(LambdaClient lambda) {
        this.lambda = lambda;
    }

    public VerifyResult verify(VerifyRequest request, StageLog log) {
        String target = request.function() + ":" + request.version();
        Answer verify = invoke(request, VERIFY_EVENT);
        if (verify.response().functionError() != null) {
            throw failure(Verify.ImportFailed::new, target, "the verify request failed in INIT or in the bootstrap",
                    verify);
        }
        JsonNode answer = verify.payload();
        List<VerifyResult.ImportedModule> imported = new ArrayList<>();
        answer.path("imported").forEach(m -> imported.add(
                new VerifyResult.ImportedModule(m.path("module").asText(), m.path("seconds").asDouble())));
        List<VerifyResult.FailedModule> failed = new ArrayList<>();
        answer.path("failed").forEach(m -> failed.add(
                new VerifyResult.FailedModule(m.path("module").asText(), m.path("error").asText())));
        if (!answer.has("imported")) {
            throw failure(Verify.ImportFailed::new, target, "the function did not answer the verify request (is its"
                    + " handler smolsnake_bootstrap.handler?)", verify);
        }
        if (!failed.isEmpty()) {
            StringBuilder which = new StringBuilder();
            failed.forEach(f -> which.append("\n  ").append(f.module()).append(": ").append(f.error()));
            throw failure(Verify.ImportFailed::new, target, failed.size() + " of " + (failed.size() + imported.size())
                    + " top-level modules did not import:" + which, verify);
        }
        ReportLine report = ReportLine.parse(verify.logs());
        log.info("modules imported", Map.of("function", target, "modules", imported.size(),
                "initDurationMs", String.valueOf(report.initDurationMs()),
                "maxMemoryMb", String.valueOf(report.maxMemoryMb())));
        JsonNode smoke = null;
        if (request.smoke() != null) {
            Answer answerToSmoke = invoke(request, request.smoke().event().toString());
            if (answerToSmoke.response().functionError() != null) {
                throw failure(Verify.SmokeFailed::new, target, "the smoke event failed", answerToSmoke);
            }
            smoke = answerToSmoke.payload();
            if (request.smoke().expect() != null) {
                List<String> differences = Expectation.differences(request.smoke().expect(), smoke);
                if (!differences.isEmpty()) {
                    throw failure(Verify.SmokeFailed::new, target, "the smoke event's result is not what the project"
                            + " expects:\n  " + String.join("\n  ", differences), answerToSmoke);
                }
            }
            log.info("smoke test passed", Map.of("function", target));
        }
        pointAlias(request);
        log.info("alias moved", Map.of("function", request.function(), "alias", request.alias(),
                "version", request.version()));
        return new VerifyResult(request.function(), request.version(), request.alias(), imported, failed,
                report.initDurationMs(), report.maxMemoryMb(), smoke);
    }

    private void pointAlias(VerifyRequest request) {
        try {
            lambda.getAlias(b -> b.functionName(request.function()).name(request.alias()));
        } catch (ResourceNotFoundException e) {
            lambda.createAlias(b -> b.functionName(request.function()).name(request.alias())
                    .functionVersion(request.version()));
            return;
        }
        lambda.updateAlias(b -> b.functionName(request.function()).name(request.alias())
                .functionVersion(request.version()));
    }

    private record Answer(InvokeResponse response, JsonNode payload, String logs) {}

    private Answer invoke(VerifyRequest request, String event) {
        InvokeResponse response;
        try {
            response = lambda.invoke(b -> b.functionName(request.function()).qualifier(request.version())
                    .logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(event)));
        } catch (ResourceNotFoundException e) {
            throw new Verify.VersionNotFound(request.function() + ":" + request.version(),
                    "version " + request.version() + " of function " + request.function() + " does not exist", e);
        }
        String logs = response.logResult() == null ? ""
                : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        JsonNode payload;
        try {
            byte[] bytes = response.payload() == null ? new byte[0] : response.payload().asByteArray();
            payload = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            payload = JSON.getNodeFactory().textNode(response.payload().asUtf8String());
        }
        return new Answer(response, payload, logs);
    }

    private static StageException failure(java.util.function.BiFunction<String, String, StageException> error,
            String target, String what, Answer answer) {
        StringBuilder message = new StringBuilder(target).append(": ").append(what);
        if (answer.response().functionError() != null) {
            message.append("\nfunction error: ").append(answer.payload());
        }
        if (!answer.logs().isBlank()) {
            message.append("\nlog tail:\n").append(answer.logs().strip());
        }
        return error.apply(target, message.toString());
    }
}
