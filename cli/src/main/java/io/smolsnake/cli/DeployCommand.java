package io.smolsnake.cli;

import io.smolsnake.cli.DeploySettings.Setting;
import io.smolsnake.cli.deploy.DeployResult;
import io.smolsnake.cli.deploy.Deployer;
import io.smolsnake.cli.deploy.SourceBundle;
import io.smolsnake.pypackaging.project.ProjectInputException;
import io.smolsnake.pypackaging.project.PyprojectToml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code smolsnake deploy PROJECT_DIR --function NAME}: the pipeline on AWS, or on any endpoint the
 * SDK's {@code AWS_ENDPOINT_URL_<SERVICE>} variables name ({@code smolsnake up} prints them). Uploads
 * the source bundle, starts the execution (or finds the same one started before) and follows it.
 */
final class DeployCommand implements Command {
    static final Param<Path> PROJECT_DIR = Param.positional("PROJECT_DIR",
            "The function's project: its code, and pyproject.toml and/or requirements.txt.").paths().withDefault(".");
    static final Param<String> FUNCTION = Param.option("--function", "NAME",
            "The function (env SMOLSNAKE_FUNCTION, [tool.smolsnake] function).");
    static final Param<String> STATE_MACHINE_ARN = Param.option("--state-machine-arn", "ARN",
            "The pipeline (env SMOLSNAKE_STATE_MACHINE_ARN, [tool.smolsnake] state-machine-arn).");
    static final Param<String> ARTIFACT_BUCKET = Param.option("--artifact-bucket", "BUCKET",
            "The artifact bucket (env SMOLSNAKE_ARTIFACT_BUCKET, [tool.smolsnake] artifact-bucket).");
    static final Param<String> FILE_SYSTEM_ARN = Param.option("--file-system-arn", "ARN",
            "The store's EFS access point, for a function that does not mount it yet"
                    + " (env SMOLSNAKE_FILE_SYSTEM_ARN, [tool.smolsnake] file-system-arn).");
    static final Param<String> ALIAS = Param.option("--alias", "NAME",
            "The alias moved to the new version once verified (env SMOLSNAKE_ALIAS, [tool.smolsnake]"
                    + " alias; default live).");
    static final Param<String> HANDLER = Param.option("--handler", "MODULE.FUNCTION",
            "The function's own handler ([tool.smolsnake] handler; default: the function's).");
    static final Param<Boolean> FORCE = Param.flag("--force", "Start a new execution even when this same deploy ran"
            + " before (after the function was changed by hand, say).");
    static final Param<Boolean> NO_WAIT = Param.flag("--no-wait",
            "Print the execution's ARN and exit once it has started.");
    static final Param<Long> TIMEOUT = Param.option("--timeout", "SECONDS",
            "Stop following after this long and exit 1 (default: follow until it ends).").longs();
    static final Param<Boolean> JSON = Param.flag("--json", "Print the result as one JSON object on stdout.");
    static final CommandSpec SPEC = CommandSpec.of("deploy",
            List.of("Deploy a project to a Lambda function through the smolsnake pipeline on AWS (or any"
                    + " endpoint set by AWS_ENDPOINT_URL_<SERVICE>) and follow it.",
                    "Each setting comes from its flag, else its SMOLSNAKE_... variable, else [tool.smolsnake] in the"
                    + " project's pyproject.toml. Running the same deploy again follows the execution it started."),
            List.of("0:deployed and verified (or started, with --no-wait)",
                    "1:the execution failed, timed out or was aborted (the stage and reason are printed), or"
                    + " --timeout passed",
                    "2:bad input (a missing setting, no such function, ...)"),
            PROJECT_DIR, FUNCTION, STATE_MACHINE_ARN, ARTIFACT_BUCKET, FILE_SYSTEM_ARN, ALIAS, HANDLER, FORCE,
            NO_WAIT, TIMEOUT, JSON);

    private final Map<String, String> env;
    private final Path projectDir;
    private final String function;
    private final String stateMachineArn;
    private final String artifactBucket;
    private final String fileSystemArn;
    private final String alias;
    private final String handler;
    private final boolean force;
    private final boolean noWait;
    private final Long timeout;
    private final boolean json;

    DeployCommand(Map<String, String> env, ParsedArgs args) {
        this.env = env;
        projectDir = args.get(PROJECT_DIR);
        function = args.get(FUNCTION);
        stateMachineArn = args.get(STATE_MACHINE_ARN);
        artifactBucket = args.get(ARTIFACT_BUCKET);
        fileSystemArn = args.get(FILE_SYSTEM_ARN);
        alias = args.get(ALIAS);
        handler = args.get(HANDLER);
        force = args.flag(FORCE);
        noWait = args.flag(NO_WAIT);
        timeout = args.get(TIMEOUT);
        json = args.flag(JSON);
    }

    @Override
    public int call(PrintWriter out, PrintWriter err) {
        Path project = projectDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(project)) {
            err.println("error: " + projectDir + " is not a directory; give the function's project directory");
            return Main.EXIT_USAGE;
        }
        if (timeout != null && timeout <= 0) {
            err.println("error: --timeout must be a positive number of seconds, got " + timeout);
            return Main.EXIT_USAGE;
        }
        DeploySettings settings;
        try {
            settings = DeploySettings.resolve(flags(), env, tool(project), project.resolve("pyproject.toml").toString());
        } catch (DeploySettings.MissingSettings e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (ProjectInputException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        AwsClients aws = new AwsClients(env);
        try (S3Client s3 = aws.s3(); LambdaClient lambda = aws.lambda(); SfnClient sfn = aws.sfn()) {
            SourceBundle bundle = SourceBundle.of(project);
            Deployer deployer = new Deployer(s3, lambda, sfn, line -> {
                err.println("smolsnake: " + line);
                err.flush();
            });
            Deployer.Started started = deployer.start(bundle,
                    new Deployer.Pipeline(settings.stateMachineArn(), settings.artifactBucket(),
                            settings.fileSystemArn(), MOUNT_PATH),
                    new Deployer.Request(settings.function(), settings.handler(), settings.alias(),
                            Deployer.smoke(project), force));
            Executions.showConsoleLink(aws, started.executionArn(), err);
            if (noWait && !json) {
                out.println(started.executionArn());
                out.flush();
                return 0;
            }
            DeployResult result = Executions.follower(sfn, err, env).follow(started.executionArn(),
                    timeout == null ? null : Duration.ofSeconds(timeout), !noWait);
            Executions.print(result, json, out, err);
            return noWait ? 0 : Executions.exitCode(result);
        } catch (Deployer.DeployException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (SdkException e) {
            // credentials, endpoints, permissions: the setup, not the job
            err.println("error: AWS: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
    }

    /** Where functions mount the store when the deploy adds the mount (the terraform modules' default). */
    static final String MOUNT_PATH = "/mnt/smolsnake";

    private Map<Setting, String> flags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        put(flags, Setting.FUNCTION, function);
        put(flags, Setting.STATE_MACHINE_ARN, stateMachineArn);
        put(flags, Setting.ARTIFACT_BUCKET, artifactBucket);
        put(flags, Setting.FILE_SYSTEM_ARN, fileSystemArn);
        put(flags, Setting.ALIAS, alias);
        put(flags, Setting.HANDLER, handler);
        return flags;
    }

    private static void put(Map<Setting, String> flags, Setting s, String value) {
        if (value != null) {
            flags.put(s, value);
        }
    }

    /** The project's {@code [tool.smolsnake]} table, empty without a pyproject.toml. */
    private static Map<String, Object> tool(Path project) {
        Path file = project.resolve("pyproject.toml");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return PyprojectToml.parse(Files.readString(file, StandardCharsets.UTF_8), file).settings().all();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
