package io.smolsnake.cli;

import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The SDK clients the CLI uses against AWS or any endpoint: credentials and endpoints from the
 * SDK's standard chain ({@code AWS_ENDPOINT_URL_<SERVICE>} included), region from the environment
 * (default {@code us-east-1}).
 */
final class AwsClients {
    private AwsClients() {}

    static Region region(Map<String, String> env) {
        String r = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        return Region.of(r);
    }

    static S3Client s3(Map<String, String> env) {
        boolean custom = env.containsKey("AWS_ENDPOINT_URL_S3") || env.containsKey("AWS_ENDPOINT_URL");
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(region(env))
                .forcePathStyle(custom).build();
    }

    static LambdaClient lambda(Map<String, String> env) {
        return LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region(env)).build();
    }

    static SfnClient sfn(Map<String, String> env) {
        return SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region(env)).build();
    }
}
