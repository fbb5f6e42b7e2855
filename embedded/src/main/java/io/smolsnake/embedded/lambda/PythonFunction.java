package io.smolsnake.embedded.lambda;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Python function as one execution environment runs it: two invocations of equal functions
 * may share a warm environment, a changed field means a fresh one.
 *
 * @param name the function's name ({@code AWS_LAMBDA_FUNCTION_NAME})
 * @param version {@code $LATEST} or a published version number
 * @param arn the function's (unqualified) ARN
 * @param runtime the Lambda runtime, e.g. {@code python3.11}; picks the host interpreter
 * @param handler {@code module.function}, relative to the task root
 * @param codeDirs the task root ({@code LAMBDA_TASK_ROOT}) first, then further directories put on
 *     {@code sys.path} after it (the CLI adds the bootstrap this way)
 * @param environment the function's environment variables
 * @param timeoutSeconds the invocation timeout
 * @param memoryMb the configured memory ({@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}; not enforced)
 * @param mounts local mount path ({@code /mnt/...}) to the host directory it shows
 */
public record PythonFunction(String name, String version, String arn, String runtime, String handler,
        List<Path> codeDirs, Map<String, String> environment, int timeoutSeconds, int memoryMb,
        Map<String, Path> mounts) {

    private static final Pattern MOUNT_PATH = Pattern.compile("/mnt/[A-Za-z0-9_.\\-]+");

    public PythonFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(handler, "handler");
        codeDirs = List.copyOf(codeDirs);
        if (codeDirs.isEmpty()) {
            throw new IllegalArgumentException("function " + name + " needs a task root");
        }
        environment = Map.copyOf(environment);
        mounts = Map.copyOf(mounts);
        for (String mount : mounts.keySet()) {
            if (!MOUNT_PATH.matcher(mount).matches()) {
                throw new IllegalArgumentException("function " + name + ": LocalMountPath " + mount
                        + " must be one directory under /mnt/, e.g. /mnt/smolsnake");
            }
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("function " + name + ": timeout must be at least 1 second");
        }
    }

    /** The task root ({@code LAMBDA_TASK_ROOT}). */
    public Path taskRoot() {
        return codeDirs.get(0);
    }
}
