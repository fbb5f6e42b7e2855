package io.smolsnake.core.stage;

import java.util.Objects;

/**
 * The Inject stage's input: put {@code function} on {@code environment} with the project source
 * in {@code bundle}.
 *
 * @param function the target function's name or ARN
 * @param bundle the project's source zip in S3 (the bootstrap is added to it)
 * @param environment the environment directory as the function sees it, e.g.
 *     {@code /mnt/smolsnake/envs/python3.12-x86_64/<digest>}
 * @param handler the project's real handler, {@code module.func}
 * @param nativeFiles whether the environment has native files ({@code bin/} or {@code lib/}):
 *     the exec wrapper is set only then
 * @param fileSystem the EFS access point and where the function mounts it
 */
public record InjectRequest(String function, S3Location bundle, String environment, String handler,
        boolean nativeFiles, FileSystem fileSystem) {

    public InjectRequest {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(fileSystem, "fileSystem");
    }

    /** An S3 object. */
    public record S3Location(String bucket, String key) {
        public S3Location {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * One EFS mount of the function.
     *
     * @param arn the access point ARN
     * @param mountPath the function's {@code LocalMountPath}, e.g. {@code /mnt/smolsnake}
     */
    public record FileSystem(String arn, String mountPath) {
        public FileSystem {
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(mountPath, "mountPath");
        }
    }
}
