package io.smolsnake.cli;

import io.smolsnake.cli.deploy.DeployResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;

/**
 * {@code smolsnake status EXECUTION_ARN}: the view {@code deploy} shows, of any pipeline execution
 * (the stages so far, the installs, the result), once or until it ends.
 */
final class StatusCommand implements Command {
    static final Param<String> EXECUTION_ARN = Param.positional("EXECUTION_ARN", "The execution (deploy prints it).")
            .required();
    static final Param<Boolean> WAIT = Param.flag("--wait", "Follow a running execution until it ends.");
    static final Param<Boolean> JSON = Param.flag("--json", "Print the result as one JSON object on stdout.");
    static final CommandSpec SPEC = CommandSpec.of("status",
            List.of("Show a pipeline execution as deploy follows it: the stage, the installs, the result."),
            List.of("0:the execution succeeded",
                    "1:it failed, timed out or was aborted (the stage and reason are printed), or is still running",
                    "2:bad input (no such execution, ...)"),
            EXECUTION_ARN, WAIT, JSON);

    private final Map<String, String> env;
    private final String executionArn;
    private final boolean wait;
    private final boolean json;

    StatusCommand(Map<String, String> env, ParsedArgs args) {
        this.env = env;
        executionArn = args.get(EXECUTION_ARN);
        wait = args.flag(WAIT);
        json = args.flag(JSON);
    }

    @Override
    public int call(PrintWriter out, PrintWriter err) {
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
