package io.smolsnake.install;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The worker's AWS clients, configured as the SDK reads its environment: credentials from the
 * default chain, endpoints from the standard variables ({@code AWS_ENDPOINT_URL_SQS},
 * {@code AWS_ENDPOINT_URL_SFN}, {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}), the region
 * from {@code AWS_REGION} or {@code AWS_DEFAULT_REGION} ({@code us-east-1} when neither is set),
 * and the URL-connection HTTP client (no Apache or Netty).
 */
public final class AwsClients {
    /** The region when the environment names none. */
    public static final Region DEFAULT_REGION = Region.US_EAST_1;

    private AwsClients() {}

    public static SqsClient sqs() {
        return SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(region()).build();
    }

    public static SfnClient sfn() {
        return SfnClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(region()).build();
    }

    /** An S3 client; path-style addressing when an endpoint is configured (local S3 servers need it). */
    public static S3Client s3() {
        boolean custom = System.getenv("AWS_ENDPOINT_URL_S3") != null || System.getenv("AWS_ENDPOINT_URL") != null;
        return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(region())
                .forcePathStyle(custom).build();
    }

    /** {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else {@code us-east-1}. */
    public static Region region() {
        for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return Region.of(value.strip());
            }
        }
        return DEFAULT_REGION;
    }
}
