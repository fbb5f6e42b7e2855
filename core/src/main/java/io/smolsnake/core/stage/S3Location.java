package io.smolsnake.core.stage;

import java.util.Objects;

/** An object in S3, as stages pass them to each other. */
public record S3Location(String bucket, String key) {
    public S3Location {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 location needs a bucket");
        }
        Objects.requireNonNull(key, "key");
    }

    /** {@code s3://bucket/key}. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
