package io.smolsnake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smolsnake.cli.deploy.DeployResult;
import io.smolsnake.cli.deploy.Follower;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What {@code deploy}, {@code status} and {@code replay} share: following an execution, printing
 * its result, the console link, and the exit code by status.
 */
final class Executions {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** How often the history is read while an execution runs (well under the API's rate limits). */
    private static final Duration POLL = Duration.ofSeconds(1);

    private Executions() {}

    static Follower follower(SfnClient sfn, PrintWriter err, Map<String, String> env) {
        return new Follower(sfn, err, System.console() != null, env, POLL);
    }

    /** 0 only for a succeeded execution; 1 for failed, timed out, aborted or still running. */
    static int exitCode(DeployResult result) {
        return result.succeeded() ? 0 : Main.EXIT_FAILED;
    }

    /**
     * The result on stdout: the {@link DeployResult} as one JSON object, or a few {@code key: value}
     * lines; on stderr, for an execution that failed, how to run it again.
     */
    static void print(DeployResult result, boolean json, PrintWriter out, PrintWriter err) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(result));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the result as JSON", e);
            }
        } else {
            out.println("status: " + result.status());
            out.println("execution: " + result.executionArn());
            if (result.succeeded()) {
                out.println("function: " + result.function());
                out.println("version: " + result.version());
                out.println("environment: " + result.environment());
            }
        }
        out.flush();
        // the follower has shown the stage and the reason; say what to do next
        if (!result.succeeded() && !"RUNNING".equals(result.status())) {
            err.println("smolsnake: fix the cause, then run what failed again with: smolsnake replay "
                    + result.executionArn());
        }
        err.flush();
    }

    /**
     * The AWS console's page for an execution, or null when its ARN names no region (not an AWS
     * Step Functions ARN of the {@code aws} partition).
     */
    static String consoleLink(String executionArn) {
        String[] parts = executionArn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[1].equals("aws") || !parts[2].equals("states")
                || parts[3].isEmpty()) {
            return null;
        }
        String region = parts[3];
        return "https://" + region + ".console.aws.amazon.com/states/home?region=" + region
                + "#/v2/executions/details/" + executionArn;
    }

    /** An AWS error's own message, without the SDK's service and request id suffix. */
    static String message(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }

    /** Prints the console link on stderr when Step Functions is AWS's own. */
    static void showConsoleLink(AwsClients aws, String executionArn, PrintWriter err) {
        String link = aws.awsStepFunctions() ? consoleLink(executionArn) : null;
        if (link != null) {
            err.println("smolsnake: " + link);
            err.flush();
        }
    }
}
