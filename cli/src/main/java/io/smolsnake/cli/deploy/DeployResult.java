package io.smolsnake.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an execution of the pipeline came to, as {@code --json} prints it.
 *
 * @param status the execution's status: SUCCEEDED, FAILED, TIMED_OUT, ABORTED, RUNNING
 * @param stage the stage it reached (or failed in)
 * @param installed wheels installed into the store by this execution
 * @param cached packages the store had already
 * @param bundleBytes the size of the function's new code bundle
 * @param environment the environment's path as the function sees it
 * @param verify the Verify stage's report, or null
 */
public record DeployResult(String status, String executionArn, String function, String version, String stage,
        int packages, int installed, int cached, long bundleBytes, String environment, double seconds,
        String error, String cause, JsonNode verify) {

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }
}
