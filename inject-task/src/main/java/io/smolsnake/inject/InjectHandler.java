package io.smolsnake.inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.core.stage.InjectRequest;
import io.smolsnake.core.stage.InjectResult;
import io.smolsnake.core.stage.StageException;
import io.smolsnake.core.stage.StageLog;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Inject stage's Lambda handler ({@code io.smolsnake.inject.InjectHandler::handleRequest}):
 * an {@link InjectRequest} in, an {@link InjectResult} out; failures are {@link StageException}s
 * with a stable error name.
 */
public final class InjectHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Injector injector;
    private final AtomicBoolean warm = new AtomicBoolean();

    public InjectHandler() {
        this(DaggerInjectComponent.create().injector());
    }

    public InjectHandler(Injector injector) {
        this.injector = injector;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        StageLog log = new StageLog("inject-task", context == null ? null : context.getAwsRequestId(),
                !warm.getAndSet(true), line -> {
                    if (context != null) {
                        context.getLogger().log(line + "\n");
                    }
                });
        InjectRequest request;
        try {
            request = JSON.convertValue(input, InjectRequest.class);
        } catch (IllegalArgumentException e) {
            throw new Inject.BadRequest(String.valueOf(input.get("function")),
                    "the Inject stage's input is not an InjectRequest: " + e.getMessage(), e);
        }
        try {
            InjectResult result = injector.inject(request, log);
            return JSON.convertValue(result, new TypeReference<Map<String, Object>>() { });
        } catch (StageException e) {
            log.error(e.getMessage(), Map.of("errorType", e.errorType(), "function", request.function()));
            throw e;
        }
    }
}
