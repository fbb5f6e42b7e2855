package io.smolsnake.lock;

import dagger.Module;
import dagger.Provides;
import io.smolsnake.pypackaging.index.PipConfig;
import java.nio.file.Path;
import javax.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The Lock stage's collaborators as Lambda gets them: region and endpoints from the environment. */
@Module
final class LockModule {
    private LockModule() {}

    @Provides
    @Singleton
    static S3Client s3() {
        String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        boolean custom = System.getenv("AWS_ENDPOINT_URL_S3") != null || System.getenv("AWS_ENDPOINT_URL") != null;
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .forcePathStyle(custom) // a local endpoint has no per-bucket host names
                .build();
    }

    @Provides
    @WorkDir
    static Path workDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "smolsnake-lock");
    }

    @Provides
    @Singleton
    static PipConfig pipConfig() {
        return PipConfig.load();
    }
}
