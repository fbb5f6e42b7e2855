package io.smolsnake.embedded.s3;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start the embedded S3.
 *
 * @param port the loopback port, 0 for any free one
 * @param dataDirectory where buckets and objects persist across restarts; empty keeps them in memory
 */
public record S3Settings(int port, Optional<Path> dataDirectory) {

    public S3Settings {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, was " + port);
        }
    }

    /** In memory, on any free port. */
    public static S3Settings inMemory() {
        return new S3Settings(0, Optional.empty());
    }

    /** Persistent under {@code dataDirectory} (created if missing), on any free port. */
    public static S3Settings persistentAt(Path dataDirectory) {
        return new S3Settings(0, Optional.of(dataDirectory));
    }

    public S3Settings withPort(int newPort) {
        return new S3Settings(newPort, dataDirectory);
    }
}
