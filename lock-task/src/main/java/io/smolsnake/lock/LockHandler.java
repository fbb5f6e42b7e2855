package io.smolsnake.lock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.core.stage.LockRequest;
import io.smolsnake.core.stage.LockResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lock Lambda ({@code io.smolsnake.lock.LockHandler::handleRequest}): parses the request,
 * calls {@link LockService}, returns the result. Logs JSON lines with the service name, request id
 * and whether this was a cold start.
 */
public final class LockHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final LockService service;
    private boolean cold = true;

    /** What Lambda calls: wires the production collaborators. */
    public LockHandler() {
        this(DaggerLockComponent.create().service());
    }

    public LockHandler(LockService service) {
        this.service = service;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        this.context = context;
        String requestId = context == null ? "local" : context.getAwsRequestId();
        boolean coldStart = cold;
        cold = false;
        LockRequest request;
        try {
            request = JSON.convertValue(input, LockRequest.class);
        } catch (IllegalArgumentException e) {
            throw new Lock.InvalidInput("The Lock request is malformed: " + e.getMessage(), e);
        }
        log(requestId, coldStart, "locking " + request.bundle() + " for " + request.runtime() + " "
                + request.arch());
        LockResult result = service.lock(request, line -> log(requestId, false, line));
        log(requestId, false, "locked " + result.packages() + " packages (" + result.cached() + " cached, "
                + result.install().size() + " to install), digest " + result.digest());
        return JSON.convertValue(result, Map.class);
    }

    private Context context;

    private void log(String requestId, boolean coldStart, String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("service", "smolsnake-lock");
        line.put("requestId", requestId);
        line.put("coldStart", coldStart);
        line.put("message", message);
        String text;
        try {
            text = JSON.writeValueAsString(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            text = message;
        }
        if (context != null) {
            context.getLogger().log(text + "\n"); // Lambda's log (CloudWatch, or the embedded endpoint's tail)
        } else {
            System.err.println(text);
        }
    }
}
