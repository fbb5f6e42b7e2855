package io.smolsnake.embedded;

import java.net.URI;

/**
 * One AWS service served on loopback by the embedded runtime (Step Functions, Lambda, SQS, S3).
 * The AWS SDKs and CLIs find it through the service-specific endpoint variable
 * {@code AWS_ENDPOINT_URL_<SERVICE_ID>}.
 */
public interface EmbeddedService extends AutoCloseable {

    /** The SDK's service identifier as used in the endpoint variable: {@code SFN}, {@code LAMBDA}, {@code SQS}, {@code S3}. */
    String serviceId();

    /** Where the service listens, e.g. {@code http://127.0.0.1:4566}. */
    URI endpoint();

    /** The line a shell or CI reads: {@code AWS_ENDPOINT_URL_SFN=http://127.0.0.1:PORT}. */
    default String endpointVariable() {
        return "AWS_ENDPOINT_URL_" + serviceId() + "=" + endpoint();
    }

    /** Stops serving; idempotent. */
    @Override
    void close();
}
