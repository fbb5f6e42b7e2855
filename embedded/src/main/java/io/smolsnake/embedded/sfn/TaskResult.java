package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What a task resource answered: its output, or a named error as Retry and Catch see it. */
public sealed interface TaskResult {
    /** The task's result, before ResultSelector and ResultPath. */
    record Success(JsonNode output) implements TaskResult {
        public Success {
            Objects.requireNonNull(output, "output");
        }
    }

    /** A named failure ({@code Lambda.ServiceException}, {@code States.TaskFailed}); cause may be null. */
    record Failure(String error, String cause) implements TaskResult {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }

    static TaskResult success(JsonNode output) {
        return new Success(output);
    }

    static TaskResult failure(String error, String cause) {
        return new Failure(error, cause);
    }
}
