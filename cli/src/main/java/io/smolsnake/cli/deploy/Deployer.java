package io.smolsnake.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FileSystemConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the pipeline for one function: reads the function's runtime and architecture (the lock's
 * target), uploads the project's source under a content-addressed key (skipped when present), and
 * starts an execution named from its inputs, so re-running the same deploy does not start another.
 */
public final class Deployer {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bootstrap's handler, which replaces the function's own after the first deploy. */
    static final String BOOTSTRAP_HANDLER = "smolsnake_bootstrap.handler";

    /**
     * Where the pipeline is.
     *
     * @param bucket the artifact bucket (bundles, locks, plans)
     * @param fileSystemArn the EFS access point of the store, for a function not mounted yet (or null)
     * @param mountPath where functions mount the store ({@code /mnt/smolsnake})
     */
    public record Pipeline(String stateMachineArn, String bucket, String fileSystemArn, String mountPath) {}

    /**
     * One deploy's settings. {@code handler} null means the function's (or the project's) own;
     * {@code fresh} starts a new execution even when the same one ran before (the one-machine
     * runtime's functions live only as long as its process; a function changed by hand).
     */
    public record Request(String function, String handler, String alias, JsonNode smoke, boolean fresh) {}

    /** The execution started, or found already started with the same inputs. */
    public record Started(String executionArn, boolean existing, String runtime, String arch) {}

    private final S3Client s3;
    private final LambdaClient lambda;
    private final SfnClient sfn;
    private final Consumer<String> progress;

    public Deployer(S3Client s3, LambdaClient lambda, SfnClient sfn, Consumer<String> progress) {
        this.s3 = s3;
        this.lambda = lambda;
        this.sfn = sfn;
        this.progress = progress;
    }

    /**
     * @throws DeployException for a function that does not exist or cannot be served from the store
     */
    public Started start(SourceBundle bundle, Pipeline pipeline, Request request) {
        GetFunctionConfigurationResponse cfg;
        try {
            cfg = lambda.getFunctionConfiguration(b -> b.functionName(request.function()));
        } catch (ResourceNotFoundException e) {
            throw new DeployException("The function " + request.function() + " does not exist. Create it first (the"
                    + " terraform module 'function' does), then deploy to it.");
        }
        String runtime = cfg.runtimeAsString();
        if (runtime == null || !runtime.startsWith("python3.")) {
            throw new DeployException("The function " + request.function() + " runs " + runtime
                    + "; smolsnake deploys Python functions (python3.9 ... python3.14).");
        }
        String arch = cfg.architectures().isEmpty() ? "x86_64" : cfg.architecturesAsStrings().get(0);
        String handler = request.handler() != null ? request.handler()
                : BOOTSTRAP_HANDLER.equals(cfg.handler()) && cfg.environment() != null
                        ? cfg.environment().variables().get("SMOLSNAKE_HANDLER") : cfg.handler();
        if (handler == null || handler.isBlank()) {
            throw new DeployException("The function " + request.function() + " runs the smolsnake bootstrap but has no"
                    + " SMOLSNAKE_HANDLER; give the real handler with --handler or [tool.smolsnake].handler.");
        }
        FileSystemConfig mounted = cfg.fileSystemConfigs().isEmpty() ? null : cfg.fileSystemConfigs().get(0);
        String fsArn = mounted != null ? mounted.arn() : pipeline.fileSystemArn();
        String mountPath = mounted != null ? mounted.localMountPath() : pipeline.mountPath();
        if (fsArn == null) {
            throw new DeployException("The function " + request.function() + " has no EFS mount and no access point"
                    + " was given: set SMOLSNAKE_FILE_SYSTEM_ARN (the depcache module's efs_access_point_arn).");
        }
        upload(bundle, pipeline.bucket());

        ObjectNode input = JSON.createObjectNode();
        input.put("function", request.function());
        input.put("runtime", runtime);
        input.put("arch", arch);
        input.putObject("bundle").put("bucket", pipeline.bucket()).put("key", bundle.key());
        input.put("storeRoot", mountPath);
        input.putObject("artifacts").put("bucket", pipeline.bucket()).put("key", "runs/");
        input.put("handler", handler);
        input.putObject("fileSystem").put("arn", fsArn).put("mountPath", mountPath);
        input.put("alias", request.alias());
        input.set("smoke", request.smoke() == null ? JSON.nullNode() : request.smoke());
        String inputJson = input.toString();
        // the same inputs (source, target, handler, mount, alias, smoke test): the same execution. Not the
        // function's state: the first deploy changes it, and running the same deploy again must not start
        // another execution (a function changed by hand since is redeployed with fresh)
        String name = name(request.function(), SourceBundle.sha256((inputJson
                + (request.fresh() ? "\n" + java.util.UUID.randomUUID() : "")).getBytes(StandardCharsets.UTF_8)));
        try {
            String arn = sfn.startExecution(b -> b.stateMachineArn(pipeline.stateMachineArn()).name(name)
                    .input(inputJson)).executionArn();
            progress.accept("Started " + arn);
            return new Started(arn, false, runtime, arch);
        } catch (ExecutionAlreadyExistsException e) {
            String arn = pipeline.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + name;
            progress.accept("The same deploy ran already: " + arn);
            return new Started(arn, true, runtime, arch);
        }
    }

    private void upload(SourceBundle bundle, String bucket) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(bundle.key()));
            progress.accept("Source bundle s3://" + bucket + "/" + bundle.key() + " is there already");
        } catch (NoSuchKeyException e) {
            put(bundle, bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new DeployException("Cannot reach the artifact bucket " + bucket + ": "
                        + e.awsErrorDetails().errorMessage());
            }
            put(bundle, bucket);
        }
    }

    private void put(SourceBundle bundle, String bucket) {
        s3.putObject(b -> b.bucket(bucket).key(bundle.key()).contentType("application/zip"),
                RequestBody.fromBytes(bundle.bytes()));
        progress.accept(String.format(Locale.ROOT, "Uploaded the source bundle (%d files, %d bytes) to s3://%s/%s",
                bundle.files(), bundle.bytes().length, bucket, bundle.key()));
    }

    /** An execution name (at most 80 characters): the function and a digest of the inputs. */
    static String name(String function, String digest) {
        String safe = function.replaceAll("[^A-Za-z0-9_-]", "-");
        if (safe.length() > 40) {
            safe = safe.substring(0, 40);
        }
        return "deploy-" + safe + "-" + digest.substring(0, 24);
    }

    /** The project's smoke test, {@code smoke.json} beside pyproject.toml, as the Verify stage takes it. */
    public static JsonNode smoke(java.nio.file.Path project) {
        java.nio.file.Path file = project.resolve("smoke.json");
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode smoke = JSON.readTree(file.toFile());
            if (!smoke.has("event")) {
                throw new DeployException(file + " needs an \"event\" (the smoke event) and may have an \"expect\""
                        + " (a subset of the result)");
            }
            return smoke;
        } catch (java.io.IOException e) {
            throw new DeployException(file + " is not valid JSON: " + e.getMessage());
        }
    }

    /** What a deploy's user can fix, with the fix. */
    public static final class DeployException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DeployException(String message) {
            super(message);
        }
    }

}
