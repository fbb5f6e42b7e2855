package io.smolsnake.install;

import java.io.InputStream;
import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The {@link Downloader}'s use of S3, in a class of its own so that a JVM which fetches no
 * {@code s3:} URL never loads the SDK's classes (Downloader names none of them).
 */
final class S3Objects {
    private S3Objects() {}

    /**
     * The object {@code s3://bucket/key} names, from the client {@code s3} supplies.
     *
     * @throws Downloader.Permanent for a malformed URL, a missing object or bucket, or a refusal
     *     retrying cannot change
     * @throws SdkException for a failure worth retrying (throttling, a server error, the network)
     */
    static InputStream open(Supplier<S3Client> s3, URI uri) {
        String bucket = uri.getHost();
        String key = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (bucket == null || key.isEmpty()) {
            throw new Downloader.Permanent("an s3 URL is s3://bucket/key", null);
        }
        try {
            return s3.get().getObject(r -> r.bucket(bucket).key(key));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new Downloader.Permanent("no such object", e);
        } catch (SdkServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw e;
            }
            throw new Downloader.Permanent("S3 answered " + e.statusCode() + " " + e.getMessage(), e);
        }
    }

    /** Whether {@code e} is the SDK's (a failed S3 transfer, retried like an I/O error). */
    static boolean isSdkFailure(RuntimeException e) {
        return e instanceof SdkException;
    }
}
