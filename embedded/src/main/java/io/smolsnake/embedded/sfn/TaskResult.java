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

    /**
     * A named failure ({@code Lambda.ServiceException}, {@code States.TaskFailed}). Either may be
     * null, as when a worker calls SendTaskFailure without them; Catch then sees
     * {@code {"Error": null, "Cause": null}}.
     */
    record Failure(String error, String cause) implements TaskResult {}

    /**
     * A {@code .sync} job (or a task-token request) that was accepted: {@code output} becomes the
     * TaskSubmitted event and the task's result is {@code completion}'s (for a task token, the
     * first of it and the token's answer).
     */
    record Submitted(JsonNode output, java.util.concurrent.CompletionStage<TaskResult> completion) implements TaskResult {
        public Submitted {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(completion, "completion");
        }
    }

    static TaskResult success(JsonNode output) {
        return new Success(output);
    }

    static TaskResult failure(String error, String cause) {
        return new Failure(error, cause);
    }

    static TaskResult submitted(JsonNode output, java.util.concurrent.CompletionStage<TaskResult> completion) {
        return new Submitted(output, completion);
    }
}
