package io.smolsnake.core.stage;

import java.util.Objects;

/**
 * The Lock stage's input.
 *
 * @param bundle the project's source bundle (a zip holding pyproject.toml and/or requirements.txt)
 * @param runtime the Lambda runtime to lock for ({@code python3.12}), or {@code host}
 * @param arch {@code x86_64} or {@code arm64}
 * @param storeRoot where the EFS store is mounted, to tell which packages are installed already
 * @param artifacts where to write the lock and the plan (bucket, key prefix)
 */
public record LockRequest(S3Location bundle, String runtime, String arch, String storeRoot, S3Location artifacts) {
    public LockRequest {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(storeRoot, "storeRoot");
        Objects.requireNonNull(artifacts, "artifacts");
    }
}
