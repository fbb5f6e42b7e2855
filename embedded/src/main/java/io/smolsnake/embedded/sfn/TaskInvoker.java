package io.smolsnake.embedded.sfn;

import java.util.concurrent.CompletionStage;

/**
 * Runs a Task state's resource (Lambda invoke, SQS SendMessage, …). The engine calls it once per
 * attempt and waits for the stage within the task's TimeoutSeconds.
 *
 * <p>For {@code .waitForTaskToken} resources the stage completes when the request is accepted
 * (its success output becomes the TaskSubmitted event); the task's result arrives later through
 * {@link Engine#sendTaskSuccess}, {@link Engine#sendTaskFailure} and is kept alive by
 * {@link Engine#sendTaskHeartbeat}. The token is registered before the call, so an invoker may
 * answer it before returning.
 *
 * <p>For {@code .sync} resources the invoker answers {@link TaskResult.Submitted} with the start
 * response and a stage for the job's end (a plain {@link TaskResult.Success} means the job is
 * already done). {@code $$.Task.Token} is available to both patterns.
 *
 * <p>A stage that completes exceptionally fails the task with {@code States.TaskFailed}.
 */
@FunctionalInterface
public interface TaskInvoker {
    CompletionStage<TaskResult> invoke(TaskRequest request);
}
