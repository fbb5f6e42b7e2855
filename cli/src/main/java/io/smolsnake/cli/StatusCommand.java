package io.smolsnake.cli;

import io.smolsnake.cli.deploy.DeployResult;
import java.io.PrintWriter;
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
import software.amazon.awssdk.services.sfn.model.InvalidArnException;

/**
 * {@code smolsnake status EXECUTION_ARN}: the view {@code deploy} shows, of any pipeline execution
 * (the stages so far, the installs, the result), once or until it ends.
 */
@Command(name = "status", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Show a pipeline execution as deploy follows it: the stage, the installs, the result.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the execution succeeded",
                "1:it failed, timed out or was aborted (the stage and reason are printed), or is still running",
                "2:bad input (no such execution, ...)"})
final class StatusCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ARN", description = "The execution (deploy prints it).")
    String executionArn;

    @Option(names = "--wait", description = "Follow a running execution until it ends.")
    boolean wait;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    StatusCommand() {
        this(System.getenv());
    }

    StatusCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AwsClients aws = new AwsClients(env);
        try (SfnClient sfn = aws.sfn()) {
            Executions.showConsoleLink(aws, executionArn, err);
            DeployResult result = Executions.follower(sfn, err, env).follow(executionArn, null, wait);
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
