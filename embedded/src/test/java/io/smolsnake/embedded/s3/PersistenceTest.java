package io.smolsnake.embedded.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

class PersistenceTest {
    @TempDir
    Path data;

    @Test
    void keepsBucketsObjectsAndMetadataAcrossARestart() {
        byte[] zip = S3ServiceTest.bytes(200_000, 7);
        HeadObjectResponse before;
        try (S3Service first = S3Service.start(S3Settings.persistentAt(data)); S3Client s3 = Sdk.client(first.endpoint())) {
            s3.createBucket(b -> b.bucket("bundles"));
            s3.putObject(p -> p.bucket("bundles").key("fn/source.zip").metadata(Map.of("stage", "lock")),
                    RequestBody.fromBytes(zip));
            s3.putObject(p -> p.bucket("bundles").key("gone"), RequestBody.fromString("x"));
            s3.deleteObject(d -> d.bucket("bundles").key("gone"));
            before = s3.headObject(h -> h.bucket("bundles").key("fn/source.zip"));
        }

        try (S3Service second = S3Service.start(S3Settings.persistentAt(data));
                S3Client s3 = Sdk.client(second.endpoint())) {
            assertEquals(data, second.dataDirectory().orElseThrow());
            assertArrayEquals(zip, s3.getObjectAsBytes(g -> g.bucket("bundles").key("fn/source.zip")).asByteArray());
            HeadObjectResponse after = s3.headObject(h -> h.bucket("bundles").key("fn/source.zip"));
            assertEquals(before.eTag(), after.eTag());
            assertEquals(before.lastModified(), after.lastModified());
            assertEquals(Map.of("stage", "lock"), after.metadata());
            assertEquals(List.of("fn/source.zip"), s3.listObjectsV2(l -> l.bucket("bundles")).contents().stream()
                    .map(S3Object::key).toList());
            assertThrows(NoSuchKeyException.class, () -> s3.headObject(h -> h.bucket("bundles").key("gone")));
        }
    }

    @Test
    void dropsWhatACrashLeftHalfWrittenAndKeepsTheLastWholeObject() throws IOException {
        try (S3Service first = S3Service.start(S3Settings.persistentAt(data)); S3Client s3 = Sdk.client(first.endpoint())) {
            s3.createBucket(b -> b.bucket("locks"));
            s3.putObject(p -> p.bucket("locks").key("pylock.toml"), RequestBody.fromString("lock-version = 1"));
        }
        // a crash in the middle of a put and of a bucket creation
        Files.writeString(data.resolve("locks").resolve("tmp").resolve("put-123.tmp"), "half an obj");
        Files.createDirectories(data.resolve(".new-crashed").resolve("objects"));

        try (S3Service second = S3Service.start(S3Settings.persistentAt(data));
                S3Client s3 = Sdk.client(second.endpoint())) {
            assertEquals("lock-version = 1",
                    s3.getObjectAsBytes(g -> g.bucket("locks").key("pylock.toml")).asUtf8String());
            assertEquals(List.of("locks"), s3.listBuckets().buckets().stream()
                    .map(software.amazon.awssdk.services.s3.model.Bucket::name).toList());
        }
        assertTrue(Files.notExists(data.resolve("locks").resolve("tmp").resolve("put-123.tmp")));
        assertTrue(Files.notExists(data.resolve(".new-crashed")));
    }

    @Test
    void refusesADataDirectoryItCannotRead() throws IOException {
        Path bucket = Files.createDirectories(data.resolve("bundles").resolve("objects"));
        Files.writeString(data.resolve("bundles").resolve("bucket.json"), "{\"created\": 0}");
        Files.writeString(bucket.resolve("0123"), "not an object file");

        S3Exception e = assertThrows(S3Exception.class, () -> S3Service.start(S3Settings.persistentAt(data)));

        assertEquals(data.toString(), e.resource());
        assertTrue(e.getMessage().startsWith("cannot open the S3 data directory " + data + ": not an embedded S3 object file: "),
                e.getMessage());
    }
}
