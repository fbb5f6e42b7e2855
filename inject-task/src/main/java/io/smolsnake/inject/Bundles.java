package io.smolsnake.inject;

/** Where bundles are read from and written to: S3 on AWS and on the embedded runtime. */
public interface Bundles {
    /** The object's bytes; a missing object is an {@code Inject.BundleMissing} stage failure. */
    byte[] get(String bucket, String key);

    void put(String bucket, String key, byte[] bytes);

    /** Bundles in S3 through {@code s3}. */
    static Bundles s3(software.amazon.awssdk.services.s3.S3Client s3) {
        return new S3Bundles(s3);
    }
}
