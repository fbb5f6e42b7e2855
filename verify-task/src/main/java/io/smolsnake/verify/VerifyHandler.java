package io.smolsnake.verify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.core.stage.VerifyRequest;
import io.smolsnake.core.stage.VerifyResult;
import io.smolsnake.core.stage.StageException;
import io.smolsnake.core.stage.StageLog;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Verify stage's Lambda handler ({@code io.smolsnake.verify.VerifyHandler::handleRequest}):
 * an {@link VerifyRequest} in, an {@link VerifyResult} out; failures are {@link StageException}s
 * with a stable error name.
 */
public final class VerifyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Verifier verifier;
    private final AtomicBoolean warm = new AtomicBoolean();

    public VerifyHandler() {
        this(DaggerVerifyComponent.create().verifier());
    }

    public VerifyHandler(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        StageLog log = new StageLog("verify-task", context == null ? null : context.getAwsRequestId(),
                !warm.getAndSet(true), line -> {
                    if (context != null) {
                        context.getLogger().log(line + "\n");
                    }
                });
        VerifyRequest request;
        try {
            request = JSON.convertValue(input, VerifyRequest.class);
        } catch (IllegalArgumentException e) {
            throw new Verify.BadRequest(String.valueOf(input.get("function")),
                    "the Verify stage's input is not a VerifyRequest: " + e.getMessage(), e);
        }
        try {
            VerifyResult result = verifier.verify(request, log);
            return JSON.convertValue(result, new TypeReference<Map<String, Object>>() { });
        } catch (StageException e) {
            log.error(e.getMessage(), Map.of("errorType", e.errorType(), "function", request.function()));
            throw e;
        }
    }
}
