package io.smolsnake.cli;

import io.smolsnake.cli.deploy.DeployResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import java.util.List;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;

/**
 * {@code smolsnake replay EXECUTION_ARN}: runs a failed, timed out or aborted execution again and
 * follows it as {@code deploy} does. Step Functions' {@code RedriveExecution} where it helps (what
 * succeeded stays done, only the failed states and Map iterations run again); but an execution that
 * failed by entering a {@code Fail} state (a {@code Catch} routed the error there) would only enter
 * it again when redriven, so that one is started again with the same input as
 * {@code <name>-r<n>}, where the store's cache gives the same effect: only the failed installs run.
 */
final class ReplayCommand implements Command {
    static final Param<String> EXECUTION_ARN = Param.positional("EXECUTION_ARN",
            "The failed execution (deploy prints it).").required();
    static final Param<Long> TIMEOUT = Param.option("--timeout", "SECONDS",
            "Stop following after this long and exit 1 (default: follow until it ends).").longs();
    static final Param<Boolean> JSON = Param.flag("--json", "Print the result as one JSON object on stdout.");
    static final CommandSpec SPEC = CommandSpec.of("replay",
            List.of("Run a failed pipeline execution again (only the failed installs run again) and follow it.",
                    "Fix the cause first: the execution keeps its input. Redrives the execution where Step Functions"
                    + " can resume it; one that ended in its Fail state starts again with the same input as NAME-r1,"
                    + " -r2, ..."),
            List.of("0:the execution succeeded this time",
                    "1:it failed, timed out or was aborted again (the stage and reason are printed), or --timeout"
                    + " passed",
                    "2:bad input (no such execution, or one that cannot be redriven, with the reason)"),
            EXECUTION_ARN, TIMEOUT, JSON);

    /** How many restarts of one failed execution to look through before giving up. */
    private static final int MAX_RESTARTS = 50;

    private final Map<String, String> env;
    private final String executionArn;
    private final Long timeout;
    private final boolean json;

    ReplayCommand(Map<String, String> env, ParsedArgs args) {
        this.env = env;
        executionArn = args.get(EXECUTION_ARN);
        timeout = args.get(TIMEOUT);
        json = args.flag(JSON);
    }

    @Override
    public int call(PrintWriter out, PrintWriter err) {
        if (timeout != null && timeout <= 0) {
            err.println("error: --timeout must be a positive number of seconds, got " + timeout);
            return Main.EXIT_USAGE;
        }
        AwsClients aws = new AwsClients(env);
        try (SfnClient sfn = aws.sfn()) {
            String arn = executionArn;
            DescribeExecutionResponse failed = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (endedInAFailState(sfn, failed)) {
                // the definition caught the error and went to its Fail state: a redrive would only enter
                // that state again. The same input again does what a redrive would: the store keeps what
                // was installed, so only the failed installs run
                err.println("smolsnake: " + executionArn + " ended in its Fail state, which a redrive would only"
                        + " enter again; starting it again with the same input (what the store has stays)");
                arn = restart(sfn, failed, err);
            } else {
                try {
                    sfn.redriveExecution(b -> b.executionArn(executionArn));
                } catch (ExecutionNotRedrivableException e) {
                    err.println("error: cannot replay " + executionArn + ": " + Executions.message(e));
                    return Main.EXIT_USAGE;
                }
                err.println("smolsnake: redriving " + executionArn);
            }
            err.flush();
            Executions.showConsoleLink(aws, arn, err);
            DeployResult result = Executions.follower(sfn, err, env).follow(arn,
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

    /** Whether the execution failed by entering a Fail state (its last two events), as a caught error does. */
    private static boolean endedInAFailState(SfnClient sfn, DescribeExecutionResponse d) {
        if (d.status() != ExecutionStatus.FAILED) {
            return false;
        }
        List<HistoryEvent> last = sfn.getExecutionHistory(b -> b.executionArn(d.executionArn()).reverseOrder(true)
                .maxResults(2).includeExecutionData(false)).events();
        return last.size() == 2 && last.get(0).type() == HistoryEventType.EXECUTION_FAILED
                && last.get(1).type() == HistoryEventType.FAIL_STATE_ENTERED;
    }

    /**
     * Starts the failed execution's input again as {@code <name>-r<n>}, the first such name not taken;
     * a restart that runs or succeeded already is followed instead of starting another.
     */
    private static String restart(SfnClient sfn, DescribeExecutionResponse failed, PrintWriter err) {
        String base = failed.name().length() > 75 ? failed.name().substring(0, 75) : failed.name();
        for (int n = 1; n <= MAX_RESTARTS; n++) {
            String name = base + "-r" + n;
            try {
                String arn = sfn.startExecution(b -> b.stateMachineArn(failed.stateMachineArn()).name(name)
                        .input(failed.input())).executionArn();
                err.println("smolsnake: started " + arn);
                return arn;
            } catch (ExecutionAlreadyExistsException e) {
                String arn = failed.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + name;
                ExecutionStatus status = sfn.describeExecution(b -> b.executionArn(arn)).status();
                if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
                    err.println("smolsnake: replayed already as " + arn);
                    return arn;
                }
            }
        }
        throw new IllegalStateException(failed.executionArn() + " was restarted " + MAX_RESTARTS + " times already");
    }
}
