package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One invocation of a Task state's resource.
 *
 * @param stateName the Task state
 * @param resource the resource ARN as written, e.g. {@code arn:aws:states:::sqs:sendMessage.waitForTaskToken}
 * @param pattern how the engine waits for the result
 * @param parameters the effective parameters (input after InputPath and Parameters)
 * @param context the context object ({@code $$}) at the time of the call
 * @param taskToken the token a worker passes to SendTaskSuccess/Failure/Heartbeat; null unless
 *     {@code pattern} is {@link IntegrationPattern#WAIT_FOR_TASK_TOKEN}
 * @param timeoutSeconds the task's effective TimeoutSeconds, or null
 * @param heartbeatSeconds the task's effective HeartbeatSeconds, or null
 */
public record TaskRequest(
        String stateName,
        String resource,
        IntegrationPattern pattern,
        JsonNode parameters,
        JsonNode context,
        String taskToken,
        Long timeoutSeconds,
        Long heartbeatSeconds) {

    public TaskRequest {
        Objects.requireNonNull(stateName, "stateName");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The resource without its integration suffix: {@code arn:aws:states:::sqs:sendMessage}. */
    public String baseResource() {
        return pattern.strip(resource);
    }

    /** How a Task waits for its result: Request Response, Run a Job ({@code .sync}), or a task token. */
    public enum IntegrationPattern {
        REQUEST_RESPONSE(""), RUN_JOB(".sync"), WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

        private final String suffix;

        IntegrationPattern(String suffix) {
            this.suffix = suffix;
        }

        static IntegrationPattern of(String resource) {
            if (resource.endsWith(".waitForTaskToken")) {
                return WAIT_FOR_TASK_TOKEN;
            }
            if (resource.endsWith(".sync") || resource.contains(".sync:")) {
                return RUN_JOB;
            }
            return REQUEST_RESPONSE;
        }

        String strip(String resource) {
            if (this == RUN_JOB) {
                int at = resource.lastIndexOf(".sync");
                return resource.substring(0, at);
            }
            return suffix.isEmpty() ? resource : resource.substring(0, resource.length() - suffix.length());
        }
    }
}
