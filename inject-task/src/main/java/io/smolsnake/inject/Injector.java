package io.smolsnake.inject;

import io.smolsnake.core.bootstrap.Bootstrap;
import io.smolsnake.core.stage.InjectRequest;
import io.smolsnake.core.stage.InjectResult;
import io.smolsnake.core.stage.StageException;
import io.smolsnake.core.stage.StageLog;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FileSystemConfig;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The Inject stage: bundle (source + bootstrap) to S3, {@code UpdateFunctionCode} when the code
 * changed, {@code UpdateFunctionConfiguration} when the handler, variables or EFS mount changed
 * (waiting for each update), then {@code PublishVersion}.
 */
public final class Injector {
    private final LambdaClient lambda;
    private final Bundles bundles;

    public Injector(LambdaClient lambda, Bundles bundles) {
        this.lambda = lambda;
        this.bundles = bundles;
    }

    public InjectResult inject(InjectRequest request, StageLog log) {
        FunctionConfiguration current = configuration(request.function());
        if (current.vpcConfig() == null || current.vpcConfig().subnetIds().isEmpty()) {
            throw new Inject.NotInVpc(request.function(), "function " + request.function()
                    + " is not in a VPC, and a Lambda function reaches EFS only from one: give it a VpcConfig with"
                    + " subnets of the EFS mount targets' VPC and a security group that may reach them on NFS"
                    + " (TCP 2049), then run the pipeline again");
        }
        String source = "s3://" + request.bundle().bucket() + "/" + request.bundle().key();
        byte[] bundle = BundleBuilder.build(source, bundles.get(request.bundle().bucket(), request.bundle().key()));
        byte[] digest = sha256(bundle);
        String codeSha256 = Base64.getEncoder().encodeToString(digest);
        boolean codeChanged = !codeSha256.equals(current.codeSha256());
        if (codeChanged) {
            String key = "bundles/" + current.functionName() + "/" + HexFormat.of().formatHex(digest) + ".zip";
            bundles.put(request.bundle().bucket(), key, bundle);
            lambda.updateFunctionCode(b -> b.functionName(request.function()).s3Bucket(request.bundle().bucket()).s3Key(key));
            waitForUpdate(request.function());
            log.info("code updated", Map.of("function", request.function(), "codeSha256", codeSha256,
                    "codeSize", bundle.length));
        }
        Map<String, String> variables = variables(current, request);
        List<FileSystemConfig> fileSystems = List.of(FileSystemConfig.builder()
                .arn(request.fileSystem().arn()).localMountPath(request.fileSystem().mountPath()).build());
        boolean configChanged = !Bootstrap.HANDLER.equals(current.handler())
                || !variables.equals(current.environment() == null ? Map.of() : current.environment().variables())
                || !fileSystems.equals(current.fileSystemConfigs());
        if (configChanged) {
            lambda.updateFunctionConfiguration(b -> b.functionName(request.function()).handler(Bootstrap.HANDLER)
                    .environment(e -> e.variables(variables)).fileSystemConfigs(fileSystems));
            waitForUpdate(request.function());
            log.info("configuration updated", Map.of("function", request.function(), "handler", request.handler(),
                    "environment", request.environment()));
        }
        String version = lambda.publishVersion(b -> b.functionName(request.function()).codeSha256(codeSha256)).version();
        log.info("version published", Map.of("function", request.function(), "version", version,
                "updated", codeChanged || configChanged));
        return new InjectResult(current.functionName(), version, bundle.length, codeSha256, codeChanged || configChanged);
    }

    /** The user's variables with the bootstrap's set; a wrapper variable smolsnake once set goes when no longer needed. */
    static Map<String, String> variables(FunctionConfiguration current, InjectRequest request) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (current.environment() != null && current.environment().variables() != null) {
            variables.putAll(current.environment().variables());
        }
        if (Bootstrap.WRAPPER_PATH.equals(variables.get(Bootstrap.EXEC_WRAPPER_VARIABLE))) {
            variables.remove(Bootstrap.EXEC_WRAPPER_VARIABLE);
        }
        if (request.nativeFiles() && variables.containsKey(Bootstrap.EXEC_WRAPPER_VARIABLE)) {
            throw new Inject.WrapperTaken(request.function(), "function " + request.function()
                    + " already has AWS_LAMBDA_EXEC_WRAPPER=" + variables.get(Bootstrap.EXEC_WRAPPER_VARIABLE)
                    + ", and its environment has native files that need smolsnake's wrapper: remove the variable");
        }
        variables.putAll(Bootstrap.variables(request.handler(), request.environment(), request.nativeFiles()));
        return variables;
    }

    private FunctionConfiguration configuration(String function) {
        try {
            return lambda.getFunction(b -> b.functionName(function)).configuration();
        } catch (ResourceNotFoundException e) {
            throw new Inject.FunctionNotFound(function, "function " + function
                    + " does not exist: create it (in a VPC that reaches the EFS mount targets) before deploying", e);
        }
    }

    private void waitForUpdate(String function) {
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
