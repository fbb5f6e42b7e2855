package io.smolsnake.cli;

import io.smolsnake.cli.deploy.DeployResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;

/**
 * {@code smolsnake replay EXECUTION_ARN}: redrives a failed, timed out or aborted execution (Step
 * Functions' {@code RedriveExecution}: what succeeded stays done, only what failed runs again, such
 * as the failed installs) and follows it as {@code deploy} does.
 */
@Command(name = "replay", sortOptions = false,
        description = {"Run a failed pipeline execution again from where it failed (only the failed installs run"
                + " again) and follow it.", "Fix the cause first: the execution keeps its input."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the execution succeeded this time",
                "1:it failed, timed out or was aborted again (the stage and reason are printed), or --timeout passed",
                "2:bad input (no such execution, or one that cannot be redriven, with the reason)"})
final class ReplayCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "The failed execution (deploy prints it).")
    String executionArn;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Stop following after this long and exit 1 (default: follow until it ends).")
    Long timeout;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    ReplayCommand() {
        this(System.getenv());
    }

    ReplayCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (timeout != null && timeout <= 0) {
            err.println("error: --timeout must be a positive number of seconds, got " + timeout);
            return Main.EXIT_USAGE;
        }
        AwsClients aws = new AwsClients(env);
        try (SfnClient sfn = aws.sfn()) {
            try {
                sfn.redriveExecution(b -> b.executionArn(executionArn));
            } catch (ExecutionNotRedrivableException e) {
                err.println("error: cannot replay " + executionArn + ": " + Executions.message(e));
                return Main.EXIT_USAGE;
            }
            err.println("smolsnake: redriving " + executionArn);
            err.flush();
            Executions.showConsoleLink(aws, executionArn, err);
            DeployResult result = Executions.follower(sfn, err, env).follow(executionArn,
                    timeout == null ? null : Duration.ofSeconds(timeout), true);
            Executions.print(result, json, out, err);
            return Executions.exitCode(result);
        } catch (ExecutionDoesNotExistException | InvalidArnException e) {
            err.println("error: " + Executions.message(e) + " (" + executionArn + ")");
            return Main.EXIT_USAGE;
        } catch (SdkException e) {
            err.println("error: AWS: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
    }
}
