package io.smolsnake.inject;

import io.smolsnake.core.stage.StageException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@link Bundles} in S3. */
final class S3Bundles implements Bundles {
    private final S3Client s3;

    S3Bundles(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public byte[] get(String bucket, String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new Inject.BundleMissing("s3://" + bucket + "/" + key,
                    "the project bundle s3://" + bucket + "/" + key + " does not exist: the deploy step uploads it", e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/zip"), RequestBody.fromBytes(bytes));
    }
}
