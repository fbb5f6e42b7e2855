package io.smolsnake.install;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The answers to Step Functions by task token. A token Step Functions no longer knows (the task
 * timed out, the execution ended, the token is malformed) is reported as {@link Outcome#GONE}: the
 * work is done as far as anyone waits for it. Anything else (the endpoint unreachable after the
 * SDK's retries) is thrown.
 */
final class Callbacks {
    /** The largest {@code cause} Step Functions accepts. */
    static final int MAX_CAUSE = 32_768;
    static final int MAX_ERROR = 256;

    enum Outcome { ACCEPTED, GONE }

    private final SfnClient sfn;

    Callbacks(SfnClient sfn) {
        this.sfn = sfn;
    }

    Outcome success(String token, String output) {
        try {
            sfn.sendTaskSuccess(r -> r.taskToken(token).output(output));
            return Outcome.ACCEPTED;
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
            return Outcome.GONE;
        }
    }

    Outcome failure(String token, String error, String cause) {
        try {
            sfn.sendTaskFailure(r -> r.taskToken(token).error(clip(error, MAX_ERROR)).cause(clip(cause, MAX_CAUSE)));
            return Outcome.ACCEPTED;
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
            return Outcome.GONE;
        }
    }

    Outcome heartbeat(String token) {
        try {
            sfn.sendTaskHeartbeat(r -> r.taskToken(token));
            return Outcome.ACCEPTED;
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
            return Outcome.GONE;
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
