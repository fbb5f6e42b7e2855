package io.smolsnake.cli;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The SDK clients the CLI uses against AWS or any endpoint, configured from an environment (the
 * process's in production): the endpoint from {@code AWS_ENDPOINT_URL_<SERVICE>}, else
 * {@code AWS_ENDPOINT_URL}, else the SDK's own resolution (AWS, or a profile's
 * {@code endpoint_url}); credentials from {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}
 * (and {@code AWS_SESSION_TOKEN}) when set, else the SDK's default chain; the region from
 * {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else {@code us-east-1}. Reading the given
 * map rather than the SDK reading {@code System.getenv()} lets a test point the commands at an
 * embedded runtime.
 */
final class AwsClients {
    private final Map<String, String> env;

    AwsClients(Map<String, String> env) {
        this.env = env;
    }

    Region region() {
        String r = value("AWS_REGION");
        return Region.of(r != null ? r : value("AWS_DEFAULT_REGION") != null ? value("AWS_DEFAULT_REGION") : "us-east-1");
    }

    /** The endpoint configured for a service ({@code SFN}, {@code S3}, ...), or null for the SDK's default. */
    URI endpoint(String serviceId) {
        String url = value("AWS_ENDPOINT_URL_" + serviceId);
        if (url == null) {
            url = value("AWS_ENDPOINT_URL");
        }
        return url == null ? null : URI.create(url);
    }

    /** Whether Step Functions is AWS's own (no endpoint configured, or one under amazonaws.com). */
    boolean awsStepFunctions() {
        URI sfn = endpoint("SFN");
        return sfn == null || sfn.getHost() != null && sfn.getHost().endsWith(".amazonaws.com");
    }

    S3Client s3() {
        // a custom endpoint (the embedded S3, MinIO, LocalStack) rarely has DNS for bucket names
        return configure(S3Client.builder(), "S3").forcePathStyle(endpoint("S3") != null)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    LambdaClient lambda() {
        return configure(LambdaClient.builder(), "LAMBDA").httpClient(UrlConnectionHttpClient.create()).build();
    }

    SfnClient sfn() {
        return configure(SfnClient.builder(), "SFN").httpClient(UrlConnectionHttpClient.create()).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String serviceId) {
        builder.region(region()).credentialsProvider(credentials());
        URI endpoint = endpoint(serviceId);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        String key = value("AWS_ACCESS_KEY_ID");
        String secret = value("AWS_SECRET_ACCESS_KEY");
        if (key == null || secret == null) {
            return DefaultCredentialsProvider.create();
        }
        String token = value("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null ? AwsBasicCredentials.create(key, secret)
                : AwsSessionCredentials.create(key, secret, token));
    }

    private String value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
