package io.smolsnake.inject;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The AWS clients: URL-connection HTTP, region and endpoints from the environment (the SDK reads them). */
@Module
final class InjectModule {
    private InjectModule() {}

    @Provides
    @Singleton
    static LambdaClient lambda() {
        return LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Provides
    @Singleton
    static Bundles bundles() {
        return new S3Bundles(S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(Boolean.parseBoolean(System.getenv().getOrDefault("SMOLSNAKE_S3_PATH_STYLE", "false")))
                .build());
    }

    @Provides
    @Singleton
    static Injector injector(LambdaClient lambda, Bundles bundles) {
        return new Injector(lambda, bundles);
    }
}
