package io.smolsnake.embedded.lambda;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the embedded Lambda endpoint is set up.
 *
 * @param port the loopback port, 0 for any free one
 * @param region the region in ARNs and {@code AWS_REGION}
 * @param accountId the account in ARNs
 * @param workDir where function code is unpacked (one directory per code digest)
 * @param fileSystems the local directory behind each EFS file system a function may mount, keyed
 *     by access point (or file system) ARN or by {@code LocalMountPath}: the ARN is looked up first
 * @param s3 fetches {@code S3Bucket}/{@code S3Key} code for CreateFunction and UpdateFunctionCode
 * @param hostEnvironment passed to Python functions as {@link PythonRuntime} describes
 * @param logSink every function log line as it is written (e.g. to the server's stderr)
 * @param warnings one line per problem a user should know about
 */
public record LambdaSettings(int port, String region, String accountId, Path workDir,
        Map<String, Path> fileSystems, S3Objects s3, Map<String, String> hostEnvironment,
        Consumer<String> logSink, Consumer<String> warnings) {

    public LambdaSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(workDir, "workDir");
        fileSystems = Map.copyOf(fileSystems);
        Objects.requireNonNull(s3, "s3");
        hostEnvironment = Map.copyOf(hostEnvironment);
        Objects.requireNonNull(logSink, "logSink");
        Objects.requireNonNull(warnings, "warnings");
    }

    /** Any free port, {@code us-east-1}, account {@code 000000000000}, no S3, the process's environment, logs dropped. */
    public static LambdaSettings defaults(Path workDir) {
        return new LambdaSettings(0, "us-east-1", "000000000000", workDir, Map.of(), S3Objects.NONE,
                System.getenv(), line -> { }, line -> { });
    }

    public LambdaSettings withFileSystems(Map<String, Path> fileSystems) {
        return new LambdaSettings(port, region, accountId, workDir, fileSystems, s3, hostEnvironment, logSink, warnings);
    }

    public LambdaSettings withS3(S3Objects s3) {
        return new LambdaSettings(port, region, accountId, workDir, fileSystems, s3, hostEnvironment, logSink, warnings);
    }

    public LambdaSettings withLogs(Consumer<String> logSink, Consumer<String> warnings) {
        return new LambdaSettings(port, region, accountId, workDir, fileSystems, s3, hostEnvironment, logSink, warnings);
    }

    public LambdaSettings withPort(int port) {
        return new LambdaSettings(port, region, accountId, workDir, fileSystems, s3, hostEnvironment, logSink, warnings);
    }

    /** Reads an object of the (embedded) S3 a function's code may come from. */
    @FunctionalInterface
    public interface S3Objects {
        /** No S3: code must come inline ({@code ZipFile}). */
        S3Objects NONE = (bucket, key) -> Optional.empty();

        /** The object's bytes, or empty when there is no such object. */
        Optional<byte[]> get(String bucket, String key);
    }
}
