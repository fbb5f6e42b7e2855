package io.smolsnake.embedded.s3;

/**
 * Root of every exception this package throws on purpose: an S3 error as the service answers it
 * (its {@linkplain #code() code}, HTTP {@linkplain #status() status} and the {@linkplain #resource()
 * resource} it concerns), or a data directory the service cannot open or write.
 */
public final class S3Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String resource;

    S3Exception(int status, String code, String message, String resource) {
        super(message);
        this.status = status;
        this.code = code;
        this.resource = resource;
    }

    S3Exception(String message, String resource, Throwable cause) {
        super(message, cause);
        this.status = 500;
        this.code = "InternalError";
        this.resource = resource;
    }

    /** S3's error code, e.g. {@code NoSuchKey}. */
    public String code() {
        return code;
    }

    /** The HTTP status S3 answers this error with. */
    public int status() {
        return status;
    }

    /** What the error concerns: {@code /bucket/key}, a bucket, or a path in the data directory. */
    public String resource() {
        return resource;
    }

    static S3Exception noSuchBucket(String bucket) {
        return new S3Exception(404, "NoSuchBucket", "The specified bucket does not exist", "/" + bucket);
    }

    static S3Exception noSuchKey(String bucket, String key) {
        return new S3Exception(404, "NoSuchKey", "The specified key does not exist.", "/" + bucket + "/" + key);
    }

    static S3Exception noSuchUpload(String bucket, String key, String uploadId) {
        return new S3Exception(404, "NoSuchUpload", "The specified upload " + uploadId
                + " does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
                "/" + bucket + "/" + key);
    }

    static S3Exception invalidArgument(String message, String resource) {
        return new S3Exception(400, "InvalidArgument", message, resource);
    }

    static S3Exception invalidRequest(String message, String resource) {
        return new S3Exception(400, "InvalidRequest", message, resource);
    }

    static S3Exception malformedXml(String resource) {
        return new S3Exception(400, "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema", resource);
    }

    static S3Exception badDigest(String what, String resource) {
        return new S3Exception(400, "BadDigest", "The " + what + " you specified did not match the calculated checksum.",
                resource);
    }

    static S3Exception notImplemented(String what, String resource) {
        return new S3Exception(501, "NotImplemented",
                "A header or query you provided implies functionality that is not implemented: " + what, resource);
    }

    static S3Exception preconditionFailed(String condition, String resource) {
        return new S3Exception(412, "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold: " + condition, resource);
    }
}
