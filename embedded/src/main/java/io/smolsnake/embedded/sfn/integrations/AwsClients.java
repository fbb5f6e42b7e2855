package io.smolsnake.embedded.sfn.integrations;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients pointed at embedded endpoints: loopback, us-east-1, dummy credentials. */
final class AwsClients {
    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("smolsnake", "smolsnake"));

    private AwsClients() {}

    static LambdaClient lambda(URI endpoint) {
        return LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(DUMMY)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(DUMMY)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
