package io.smolsnake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smolsnake.cli.deploy.DeployResult;
import io.smolsnake.cli.deploy.Deployer;
import io.smolsnake.cli.deploy.Follower;
import io.smolsnake.cli.deploy.SourceBundle;
import io.smolsnake.embedded.pipeline.LocalAws;
import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.pypackaging.project.Project;
import io.smolsnake.pypackaging.project.ProjectInputException;
import io.smolsnake.pypackaging.tags.Target;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * {@code smolsnake run PROJECT_DIR}: the whole pipeline on this machine. The embedded AWS services
 * start in this process (state under {@code $SMOLSNAKE_HOME}), the project's function is created on
 * the embedded Lambda, and then exactly the {@code deploy} path runs: lock, install, link, inject,
 * verify.
 */
final class RunCommand implements Command {
    static final Param<Path> PROJECT_DIR = Param.positional("PROJECT_DIR",
            "The function's project: its code, and pyproject.toml and/or requirements.txt.").paths().withDefault(".");
    static final Param<String> FUNCTION = Param.option("--function", "NAME",
            "The function's name (default: [tool.smolsnake].function, else the directory's name).");
    static final Param<Boolean> JSON = Param.flag("--json", "Print the result as one JSON object on stdout.");
    static final Param<Long> TIMEOUT = Param.option("--timeout", "SECONDS",
            "Give up waiting after this long (default: ${DEFAULT-VALUE}).").longs().withDefault("3600");
    static final CommandSpec SPEC = CommandSpec.of("run",
            List.of("Run the whole pipeline on this machine: lock, install into the local store, assemble the"
                    + " environment, inject the bootstrap and verify the function on the embedded Lambda.",
                    "Local state lives under $SMOLSNAKE_HOME (default: $XDG_DATA_HOME/smolsnake)."),
            List.of("0:deployed and verified", "1:the pipeline failed (the stage and reason are printed)",
                    "2:bad input"),
            PROJECT_DIR, FUNCTION, JSON, TIMEOUT);

    /** The environment it reads: {@code $SMOLSNAKE_HOME}, pip's settings, GitHub Actions' variables. */
    private final Map<String, String> variables;
    private final Path projectDir;
    private final String function;
    private final boolean json;
    private final long timeout;

    /** A run that reads {@code env} (the process environment, or a test's). */
    RunCommand(Map<String, String> env, ParsedArgs args) {
        this.variables = Map.copyOf(env);
        projectDir = args.get(PROJECT_DIR);
        function = args.get(FUNCTION);
        json = args.flag(JSON);
        timeout = args.get(TIMEOUT);
    }

    @Override
    public int call(PrintWriter out, PrintWriter err) {
        Path project = projectDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(project)) {
            err.println("error: " + projectDir + " is not a directory; give the function's project directory");
            return Main.EXIT_USAGE;
        }
        Project loaded;
        try {
            loaded = Project.load(project, List.of(), List.of());
        } catch (ProjectInputException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        String handler = loaded.settings().handler();
        if (handler == null) {
            err.println("error: " + project.resolve("pyproject.toml") + " needs the function's handler:\n\n"
                    + "    [tool.smolsnake]\n    handler = \"handler.lambda_handler\"");
            return Main.EXIT_USAGE;
        }
        String runtime = loaded.settings().runtime() != null && !Target.HOST.equals(loaded.settings().runtime())
                ? loaded.settings().runtime() : hostRuntime();
        String arch = loaded.settings().arch() != null ? loaded.settings().arch() : hostArch();
        String name = function != null ? function : functionName(loaded, project);
        Path home = Home.dir(variables);
        long started = System.nanoTime();
        err.println("smolsnake run: " + name + " (" + runtime + ", " + arch + ") on the embedded runtime in " + home);
        err.flush();
        PipConfig pip = PipConfig.load(variables, Path.of(System.getProperty("user.home")));
        try (LocalAws aws = LocalAws.start(home, line -> { }, pip)) {
            SourceBundle bundle = SourceBundle.of(project);
            ensureFunction(aws.lambda(), name, runtime, arch, handler, bundle, err);
            Deployer deployer = new Deployer(aws.s3(), aws.lambda(), aws.sfn(), line -> {
                err.println("[  start] " + line);
                err.flush();
            });
            Deployer.Started exec = deployer.start(bundle, new Deployer.Pipeline(aws.stateMachineArn(),
                    LocalAws.ARTIFACT_BUCKET, LocalAws.FILE_SYSTEM_ARN, LocalAws.MOUNT_PATH),
                    new Deployer.Request(name, handler, "live", Deployer.smoke(project), true));
            Follower follower = new Follower(aws.sfn(), err, System.console() != null, variables,
                    Duration.ofMillis(250));
            DeployResult result = follower.follow(exec.executionArn(), Duration.ofSeconds(timeout), true);
            Path env = result.environment() == null ? null : aws.hostPath(result.environment());
            double seconds = (System.nanoTime() - started) / 1e9;
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            if (json) {
                ObjectNode o = mapper.valueToTree(result);
                o.put("seconds", Math.round(seconds * 100) / 100.0);
                o.put("environment", env == null ? null : env.toString());
                o.put("functionEnvironment", result.environment());
                out.println(mapper.writeValueAsString(o));
            } else if (result.succeeded()) {
                out.println(mapper.writeValueAsString(result.verify()));
                out.println("environment: " + env);
            }
            err.println(String.format(Locale.ROOT, "smolsnake run: %s in %.1f s (%d packages: %d installed, %d cached;"
                    + " bundle %d bytes)", result.status(), seconds, result.packages(), result.installed(),
                    result.cached(), result.bundleBytes()));
            return result.succeeded() ? 0 : Main.EXIT_FAILED;
        } catch (Deployer.DeployException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the function on the embedded Lambda the first time, as a user would on AWS. */
    private static void ensureFunction(LambdaClient lambda, String name, String runtime, String arch, String handler,
            SourceBundle bundle, PrintWriter err) {
        try {
            var cfg = lambda.getFunctionConfiguration(b -> b.functionName(name));
            if (!runtime.equals(cfg.runtimeAsString())) {
                lambda.updateFunctionConfiguration(b -> b.functionName(name).runtime(runtime));
            }
            return;
        } catch (ResourceNotFoundException e) {
            // first run: create it
        }
        lambda.createFunction(b -> b.functionName(name).runtime(runtime).architecturesWithStrings(arch)
                .handler(handler).role("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/" + name)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(bundle.bytes())))
                .timeout(120).memorySize(1024)
                .vpcConfig(v -> v.subnetIds("subnet-local").securityGroupIds("sg-local"))
                .fileSystemConfigs(f -> f.arn(LocalAws.FILE_SYSTEM_ARN).localMountPath(LocalAws.MOUNT_PATH)));
        err.println("[  start] Created the function " + name + " on the embedded Lambda");
    }

    private static String functionName(Project project, Path dir) {
        Object configured = project.settings().all().get("function");
        if (configured instanceof String s && !s.isBlank()) {
            return s;
        }
        return dir.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private static String hostRuntime() {
        var python = Target.host().python();
        return "python" + python;
    }

    private static String hostArch() {
        String machine = Target.host().markerEnvironment().get("platform_machine");
        return "aarch64".equals(machine) || "arm64".equals(machine) ? "arm64" : "x86_64";
    }

}
