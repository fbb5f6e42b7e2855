package io.smolsnake.verify;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The Lambda client: URL-connection HTTP, region and endpoint from the environment (the SDK reads them). */
@Module
final class VerifyModule {
    private VerifyModule() {}

    @Provides
    @Singleton
    static LambdaClient lambda() {
        return LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Provides
    @Singleton
    static Verifier verifier(LambdaClient lambda) {
        return new Verifier(lambda);
    }
}
