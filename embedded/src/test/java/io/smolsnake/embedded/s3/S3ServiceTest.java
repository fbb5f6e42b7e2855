package io.smolsnake.embedded.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ServiceTest {
    private S3Service service;
    private S3Client s3;

    @BeforeEach
    void start() {
        service = S3Service.start();
        s3 = Sdk.client(service.endpoint());
        s3.createBucket(b -> b.bucket("bundles"));
    }

    @AfterEach
    void stop() {
        s3.close();
        service.close();
    }

    @Test
    void servesS3OnLoopbackUnderItsEndpointVariable() {
        assertEquals("S3", service.serviceId());
        assertEquals("127.0.0.1", service.endpoint().getHost());
        assertEquals("AWS_ENDPOINT_URL_S3=" + service.endpoint(), service.endpointVariable());
    }

    @Test
    void returnsTheBytesAndMetadataAnSdkUploadStored() {
        byte[] zip = bytes(300_000, 1);

        s3.putObject(p -> p.bucket("bundles").key("fn/source.zip").contentType("application/zip")
                .metadata(Map.of("lock-digest", "sha256:abc")), RequestBody.fromBytes(zip));

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(g -> g.bucket("bundles").key("fn/source.zip"));
        assertArrayEquals(zip, got.asByteArray());
        HeadObjectResponse head = s3.headObject(h -> h.bucket("bundles").key("fn/source.zip"));
        assertEquals("\"" + md5(zip) + "\"", head.eTag());
        assertEquals(zip.length, head.contentLength());
        assertEquals("application/zip", head.contentType());
        assertEquals(Map.of("lock-digest", "sha256:abc"), head.metadata());
        assertTrue(head.lastModified() != null);
    }

    @Test
    void storesAStreamOfUnknownLengthAsTheSdkSendsIt() {
        byte[] plan = "install plan\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        s3.putObject(p -> p.bucket("bundles").key("plan.json"),
                RequestBody.fromContentProvider(() -> new java.io.ByteArrayInputStream(plan), "application/json"));

        assertArrayEquals(plan, s3.getObjectAsBytes(g -> g.bucket("bundles").key("plan.json")).asByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ranges")
    void servesAByteRangeAsPartialContent(String range, String expected, String contentRange) {
        s3.putObject(p -> p.bucket("bundles").key("digits"), RequestBody.fromString("0123456789"));

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(g -> g.bucket("bundles").key("digits").range(range));

        assertEquals(expected, got.asUtf8String());
        assertEquals(contentRange, got.response().contentRange());
    }

    static Stream<Arguments> ranges() {
        return Stream.of(
                Arguments.of("bytes=2-5", "2345", "bytes 2-5/10"),
                Arguments.of("bytes=7-", "789", "bytes 7-9/10"),
                Arguments.of("bytes=-3", "789", "bytes 7-9/10"),
                Arguments.of("bytes=8-100", "89", "bytes 8-9/10"));
    }

    @Test
    void refusesARangeThatStartsPastTheEnd() {
        s3.putObject(p -> p.bucket("bundles").key("digits"), RequestBody.fromString("0123456789"));

        software.amazon.awssdk.services.s3.model.S3Exception e = assertThrows(
                software.amazon.awssdk.services.s3.model.S3Exception.class,
                () -> s3.getObjectAsBytes(g -> g.bucket("bundles").key("digits").range("bytes=10-")));

        assertEquals(416, e.statusCode());
        assertEquals("InvalidRange", e.awsErrorDetails().errorCode());
    }

    @Test
    void listsByPrefixAndDelimiterAcrossPages() {
        for (String key : List.of("a/1", "a/2", "b/x/1", "b/x/2", "b/y", "c", "d")) {
            s3.putObject(p -> p.bucket("bundles").key(key), RequestBody.fromString(key));
        }
        List<String> keys = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        int[] pages = {0};

        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket("bundles").delimiter("/").maxKeys(2).build())
                .forEach(page -> {
                    pages[0]++;
                    page.contents().stream().map(S3Object::key).forEach(keys::add);
                    page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(prefixes::add);
                });

        assertEquals(List.of("c", "d"), keys);
        assertEquals(List.of("a/", "b/"), prefixes);
        assertEquals(2, pages[0]);
        assertEquals(List.of("b/x/1", "b/x/2", "b/y"), s3.listObjectsV2(l -> l.bucket("bundles").prefix("b/"))
                .contents().stream().map(S3Object::key).toList());
        assertEquals(List.of("b/x/", "b/y"), Stream.concat(
                s3.listObjectsV2(l -> l.bucket("bundles").prefix("b/").delimiter("/")).commonPrefixes().stream()
                        .map(CommonPrefix::prefix),
                s3.listObjectsV2(l -> l.bucket("bundles").prefix("b/").delimiter("/")).contents().stream()
                        .map(S3Object::key)).toList());
    }

    @Test
    void listsKeysInUtf8ByteOrderWithUrlEncodingRoundTripped() {
        List<String> keys = List.of("a b+c", "caf\u00e9/\ud83d\udc0d.zip", "caf\uffef", "x%2Fy");
        for (String key : keys) {
            s3.putObject(p -> p.bucket("bundles").key(key), RequestBody.fromString(key));
        }

        List<String> listed = s3.listObjectsV2(l -> l.bucket("bundles")).contents().stream().map(S3Object::key)
                .toList();

        assertEquals(List.of("a b+c", "caf\u00e9/\ud83d\udc0d.zip", "caf\uffef", "x%2Fy"), listed);
        for (String key : keys) {
            assertEquals(key, s3.getObjectAsBytes(g -> g.bucket("bundles").key(key)).asUtf8String());
        }
    }

    @Test
    void deletedObjectIsGoneAndDeletingItAgainSucceeds() {
        s3.putObject(p -> p.bucket("bundles").key("old"), RequestBody.fromString("x"));

        s3.deleteObject(d -> d.bucket("bundles").key("old"));
        s3.deleteObject(d -> d.bucket("bundles").key("old"));

        assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(g -> g.bucket("bundles").key("old")));
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(h -> h.bucket("bundles").key("old")));
    }

    @Test
    void copiesAnObjectKeepingOrReplacingItsMetadata() {
        s3.createBucket(b -> b.bucket("locks"));
        s3.putObject(p -> p.bucket("bundles").key("src key"), RequestBody.fromString("lock"));
        s3.putObject(p -> p.bucket("bundles").key("pylock.toml").contentType("application/toml")
                .metadata(Map.of("target", "python3.12-x86_64")), RequestBody.fromString("lock = 1"));

        s3.copyObject(c -> c.sourceBucket("bundles").sourceKey("pylock.toml").destinationBucket("locks")
                .destinationKey("kept/pylock.toml"));
        s3.copyObject(c -> c.sourceBucket("bundles").sourceKey("pylock.toml").destinationBucket("locks")
                .destinationKey("replaced/pylock.toml").metadataDirective(MetadataDirective.REPLACE)
                .metadata(Map.of("target", "host")));

        HeadObjectResponse kept = s3.headObject(h -> h.bucket("locks").key("kept/pylock.toml"));
        assertEquals(Map.of("target", "python3.12-x86_64"), kept.metadata());
        assertEquals("application/toml", kept.contentType());
        assertEquals(Map.of("target", "host"), s3.headObject(h -> h.bucket("locks").key("replaced/pylock.toml"))
                .metadata());
        assertEquals("lock = 1", s3.getObjectAsBytes(g -> g.bucket("locks").key("kept/pylock.toml")).asUtf8String());
    }

    @Test
    void assemblesAMultipartUploadWithS3sEntityTag() {
        byte[] first = bytes((int) Uploads.MIN_PART_SIZE, 2);
        byte[] second = bytes(1234, 3);
        String id = s3.createMultipartUpload(c -> c.bucket("bundles").key("big.zip").contentType("application/zip"))
                .uploadId();

        String etag1 = s3.uploadPart(u -> u.bucket("bundles").key("big.zip").uploadId(id).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String etag2 = s3.uploadPart(u -> u.bucket("bundles").key("big.zip").uploadId(id).partNumber(2),
                RequestBody.fromBytes(second)).eTag();
        assertEquals(2, s3.listParts(l -> l.bucket("bundles").key("big.zip").uploadId(id)).parts().size());
        String etag = s3.completeMultipartUpload(c -> c.bucket("bundles").key("big.zip").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build()))).eTag();

        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        assertArrayEquals(whole, s3.getObjectAsBytes(g -> g.bucket("bundles").key("big.zip")).asByteArray());
        byte[] md5s = HexFormat.of().parseHex(md5(first) + md5(second));
        assertEquals("\"" + md5(md5s) + "-2\"", etag);
        assertEquals("application/zip", s3.headObject(h -> h.bucket("bundles").key("big.zip")).contentType());
        assertTrue(s3.listMultipartUploads(l -> l.bucket("bundles")).uploads().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void answersS3ErrorsWithTheirCodesAndStatuses(String code, int status, Consumer<S3Client> call) {
        s3.putObject(p -> p.bucket("bundles").key("k"), RequestBody.fromString("v"));

        software.amazon.awssdk.services.s3.model.S3Exception e = assertThrows(
                software.amazon.awssdk.services.s3.model.S3Exception.class, () -> call.accept(s3));

        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("NoSuchBucket", 404, (Consumer<S3Client>) c -> c.getObjectAsBytes(
                        g -> g.bucket("missing").key("k"))),
                Arguments.of("NoSuchKey", 404, (Consumer<S3Client>) c -> c.getObjectAsBytes(
                        g -> g.bucket("bundles").key("missing"))),
                Arguments.of("BucketAlreadyOwnedByYou", 409, (Consumer<S3Client>) c -> c.createBucket(
                        b -> b.bucket("bundles"))),
                Arguments.of("BucketNotEmpty", 409, (Consumer<S3Client>) c -> c.deleteBucket(
                        b -> b.bucket("bundles"))),
                Arguments.of("BadDigest", 400, (Consumer<S3Client>) c -> c.putObject(
                        p -> p.bucket("bundles").key("k2").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="),
                        RequestBody.fromString("not empty"))),
                Arguments.of("PreconditionFailed", 412, (Consumer<S3Client>) c -> c.putObject(
                        p -> p.bucket("bundles").key("k").ifNoneMatch("*"), RequestBody.fromString("again"))),
                Arguments.of("NoSuchUpload", 404, (Consumer<S3Client>) c -> c.uploadPart(
                        u -> u.bucket("bundles").key("k").uploadId("nope").partNumber(1),
                        RequestBody.fromString("x"))),
                Arguments.of("EntityTooSmall", 400, (Consumer<S3Client>) c -> {
                    String id = c.createMultipartUpload(m -> m.bucket("bundles").key("small")).uploadId();
                    String e1 = c.uploadPart(u -> u.bucket("bundles").key("small").uploadId(id).partNumber(1),
                            RequestBody.fromString("tiny")).eTag();
                    String e2 = c.uploadPart(u -> u.bucket("bundles").key("small").uploadId(id).partNumber(2),
                            RequestBody.fromString("tiny")).eTag();
                    c.completeMultipartUpload(m -> m.bucket("bundles").key("small").uploadId(id)
                            .multipartUpload(u -> u.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                                    CompletedPart.builder().partNumber(2).eTag(e2).build())));
                }),
                Arguments.of("NotImplemented", 501, (Consumer<S3Client>) c -> c.getObjectAcl(
                        a -> a.bucket("bundles").key("k"))));
    }

    @Test
    void createsListsAndDeletesBuckets() {
        s3.createBucket(b -> b.bucket("locks"));

        assertEquals(List.of("bundles", "locks"), s3.listBuckets().buckets().stream()
                .map(software.amazon.awssdk.services.s3.model.Bucket::name).toList());
        s3.deleteBucket(b -> b.bucket("locks"));

        assertThrows(software.amazon.awssdk.services.s3.model.NoSuchBucketException.class,
                () -> s3.headBucket(b -> b.bucket("locks")).sdkHttpResponse());
        assertEquals(List.of("bundles"), s3.listBuckets().buckets().stream()
                .map(software.amazon.awssdk.services.s3.model.Bucket::name).toList());
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
