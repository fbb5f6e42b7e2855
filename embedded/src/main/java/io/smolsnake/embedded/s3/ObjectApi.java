package io.smolsnake.embedded.s3;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.w3c.dom.Element;

/** The object operations: put, get/head, delete, copy, and the multipart upload calls. */
final class ObjectApi {
    /** The standard headers stored with an object and answered on GET and HEAD. */
    private static final List<String> STORED_HEADERS = List.of("Content-Type", "Content-Encoding",
            "Content-Disposition", "Content-Language", "Cache-Control", "Expires");
    private static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    private final Store store;
    private final Uploads uploads;
    private final Clock clock;

    ObjectApi(Store store, Uploads uploads, Clock clock) {
        this.store = store;
        this.uploads = uploads;
        this.clock = clock;
    }

    /** A request body with its transfer encoding removed and every digest the client sent checked. */
    record Payload(byte[] bytes, Map<String, String> checksums) {
    }

    Reply put(Request r) throws IOException {
        store.bucket(r.bucket());
        Payload payload = payload(r);
        Instant now = now();
        checkWriteConditions(r);
        ObjectAttributes attributes = new ObjectAttributes(r.key(), payload.bytes().length,
                Digests.md5Hex(payload.bytes()), now, storedHeaders(r), r.userMetadata(), payload.checksums());
        store.put(r.bucket(), attributes, payload.bytes());
        Reply reply = Reply.status(200).header("ETag", quoted(attributes.etag()));
        payload.checksums().forEach(reply::header);
        return reply;
    }

    Reply get(Request r, boolean head) {
        Store.Blob blob = store.object(r.bucket(), r.key());
        ObjectAttributes attributes = blob.attributes();
        Optional<ByteRange> range = ByteRange.parse(r.header("Range"), attributes.size(), r.resource());
        ObjectFile.Content content = null;
        if (!head) {
            content = store.read(r.bucket(), r.key(), range.orElse(null));
            attributes = content.attributes();
            range = ByteRange.parse(r.header("Range"), attributes.size(), r.resource());
        }
        Reply conditional = readConditions(r, attributes);
        if (conditional != null) {
            return conditional;
        }
        Reply reply = Reply.status(range.isPresent() ? 206 : 200);
        attributes.headers().forEach(reply::header);
        if (!attributes.headers().containsKey("Content-Type")) {
            reply.header("Content-Type", DEFAULT_CONTENT_TYPE);
        }
        attributes.metadata().forEach((name, value) -> reply.header("x-amz-meta-" + name, value));
        reply.header("ETag", quoted(attributes.etag()))
                .header("Last-Modified", Reply.httpDate(attributes.lastModified()))
                .header("Accept-Ranges", "bytes");
        if ("ENABLED".equalsIgnoreCase(r.header("x-amz-checksum-mode")) && range.isEmpty()
                && !attributes.checksums().isEmpty()) {
            attributes.checksums().forEach(reply::header);
            reply.header("x-amz-checksum-type", "FULL_OBJECT");
        }
        range.ifPresent(b -> reply.header("Content-Range", b.contentRange()));
        overrides(r, reply);
        if (head) {
            return reply.header("Content-Length", Long.toString(range.map(ByteRange::length)
                    .orElse(attributes.size())));
        }
        return reply.body(content.bytes());
    }

    Reply delete(Request r) {
        store.delete(r.bucket(), r.key());
        return Reply.status(204);
    }

    Reply copy(Request r) throws IOException {
        Source source = source(r);
        store.bucket(r.bucket());
        ObjectFile.Content content = store.read(source.bucket(), source.key(), null);
        r.rawBody();
        String directive = Optional.ofNullable(r.header("x-amz-metadata-directive")).orElse("COPY")
                .toUpperCase(Locale.ROOT);
        if (!directive.equals("COPY") && !directive.equals("REPLACE")) {
            throw S3Exception.invalidArgument("Unknown metadata directive: '" + directive + "'", r.resource());
        }
        if (directive.equals("COPY") && source.bucket().equals(r.bucket()) && source.key().equals(r.key())) {
            throw S3Exception.invalidRequest("This copy request is illegal because it is trying to copy an object to "
                    + "itself without changing the object's metadata, storage class, website redirect location or "
                    + "encryption attributes.", r.resource());
        }
        checkWriteConditions(r);
        Instant now = now();
        ObjectAttributes from = content.attributes();
        ObjectAttributes attributes = directive.equals("COPY")
                ? new ObjectAttributes(r.key(), from.size(), Digests.md5Hex(content.bytes()), now, from.headers(),
                        from.metadata(), from.checksums())
                : new ObjectAttributes(r.key(), from.size(), Digests.md5Hex(content.bytes()), now, storedHeaders(r),
                        r.userMetadata(), from.checksums());
        store.put(r.bucket(), attributes, content.bytes());
        return Reply.xml(Xml.document("CopyObjectResult").element("LastModified", Xml.timestamp(now))
                .element("ETag", quoted(attributes.etag())));
    }

    Reply createUpload(Request r) throws IOException {
        store.bucket(r.bucket());
        r.rawBody();
        Uploads.Upload upload = uploads.create(r.bucket(), r.key(), storedHeaders(r), r.userMetadata(), now());
        return Reply.xml(Xml.document("InitiateMultipartUploadResult").element("Bucket", r.bucket())
                .element("Key", r.key()).element("UploadId", upload.id()));
    }

    Reply uploadPart(Request r) throws IOException {
        int number = Uploads.partNumber(r.param("partNumber"), r.resource());
        Uploads.Upload upload = uploads.get(r.bucket(), r.key(), r.param("uploadId"));
        Instant now = now();
        if (r.header("x-amz-copy-source") != null) {
            Source source = source(r);
            ObjectAttributes whole = store.object(source.bucket(), source.key()).attributes();
            String rangeHeader = r.header("x-amz-copy-source-range");
            Optional<ByteRange> range = ByteRange.parse(rangeHeader, whole.size(), r.resource());
            if (rangeHeader != null && range.isEmpty()) {
                throw S3Exception.invalidArgument("The x-amz-copy-source-range value must be of the form "
                        + "bytes=first-last: '" + rangeHeader + "'", r.resource());
            }
            byte[] bytes = store.read(source.bucket(), source.key(), range.orElse(null)).bytes();
            r.rawBody();
            String etag = Digests.md5Hex(bytes);
            upload.parts().put(number, new Uploads.Part(number, bytes, etag, now));
            return Reply.xml(Xml.document("CopyPartResult").element("LastModified", Xml.timestamp(now))
                    .element("ETag", quoted(etag)));
        }
        Payload payload = payload(r);
        String etag = Digests.md5Hex(payload.bytes());
        upload.parts().put(number, new Uploads.Part(number, payload.bytes(), etag, now));
        Reply reply = Reply.status(200).header("ETag", quoted(etag));
        payload.checksums().forEach(reply::header);
        return reply;
    }

    Reply listParts(Request r) {
        Uploads.Upload upload = uploads.get(r.bucket(), r.key(), r.param("uploadId"));
        Xml xml = Xml.document("ListPartsResult").element("Bucket", r.bucket()).element("Key", r.key())
                .element("UploadId", upload.id()).element("StorageClass", "STANDARD")
                .element("PartNumberMarker", 0).element("MaxParts", Uploads.MAX_PART_NUMBER)
                .element("IsTruncated", false);
        for (Uploads.Part p : upload.parts().values()) {
            xml.start("Part").element("PartNumber", p.number()).element("LastModified", Xml.timestamp(p.lastModified()))
                    .element("ETag", quoted(p.etag())).element("Size", p.bytes().length).end();
        }
        return Reply.xml(xml);
    }

    Reply abortUpload(Request r) {
        uploads.abort(r.bucket(), r.key(), r.param("uploadId"));
        return Reply.status(204);
    }

    Reply completeUpload(Request r) throws IOException {
        Uploads.Upload upload = uploads.get(r.bucket(), r.key(), r.param("uploadId"));
        Element root = Xml.parse(r.rawBody(), r.resource());
        List<Uploads.Requested> requested = new ArrayList<>();
        for (Element part : Xml.children(root, "Part")) {
            requested.add(new Uploads.Requested(Uploads.partNumber(Xml.text(part, "PartNumber"), r.resource()),
                    Xml.text(part, "ETag")));
        }
        Uploads.Assembled assembled = Uploads.assemble(upload, requested, r.resource());
        checkWriteConditions(r);
        ObjectAttributes attributes = new ObjectAttributes(r.key(), assembled.bytes().length, assembled.etag(), now(),
                upload.headers(), upload.metadata(), Map.of());
        store.put(r.bucket(), attributes, assembled.bytes());
        uploads.remove(upload.id());
        String host = Optional.ofNullable(r.header("Host")).orElse("127.0.0.1");
        return Reply.xml(Xml.document("CompleteMultipartUploadResult")
                .element("Location", "http://" + host + "/" + r.bucket() + "/" + Percent.encode(r.key(), true))
                .element("Bucket", r.bucket()).element("Key", r.key()).element("ETag", quoted(attributes.etag())));
    }

    /** Reads the body, undoes {@code aws-chunked}, and checks Content-MD5, the payload hash and the checksums. */
    private static Payload payload(Request r) throws IOException {
        byte[] bytes = r.rawBody();
        String contentSha256 = r.header("x-amz-content-sha256");
        String encoding = Optional.ofNullable(r.header("Content-Encoding")).orElse("");
        Map<String, String> trailers = Map.of();
        if ((contentSha256 != null && contentSha256.startsWith("STREAMING-")) || encoding.contains("aws-chunked")) {
            AwsChunked.Decoded decoded = AwsChunked.decode(bytes, r.resource());
            bytes = decoded.body();
            trailers = decoded.trailers();
            String declared = r.header("x-amz-decoded-content-length");
            if (declared != null && !declared.trim().equals(Integer.toString(bytes.length))) {
                throw new S3Exception(400, "IncompleteBody", "You did not provide the number of bytes specified by "
                        + "the x-amz-decoded-content-length header (" + declared + ", received " + bytes.length + ")",
                        r.resource());
            }
        } else if (contentSha256 != null && contentSha256.matches("[0-9a-fA-F]{64}")
                && !contentSha256.equalsIgnoreCase(Digests.sha256Hex(bytes))) {
            throw new S3Exception(400, "XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.", r.resource());
        }
        String md5 = r.header("Content-MD5");
        if (md5 != null) {
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(md5.trim());
            } catch (IllegalArgumentException e) {
                expected = new byte[0];
            }
            if (expected.length != 16) {
                throw new S3Exception(400, "InvalidDigest", "The Content-MD5 you specified was invalid: '" + md5 + "'",
                        r.resource());
            }
            if (!java.util.Arrays.equals(expected, Digests.md5(bytes))) {
                throw S3Exception.badDigest("Content-MD5", r.resource());
            }
        }
        Map<String, String> checksums = new TreeMap<>();
        for (String algorithm : Digests.CHECKSUMS) {
            String name = "x-amz-checksum-" + algorithm;
            String sent = Optional.ofNullable(r.header(name)).orElse(trailers.get(name));
            if (sent == null) {
                continue;
            }
            Optional<String> computed = Digests.checksum(algorithm, bytes);
            if (computed.isPresent() && !computed.get().equals(sent.trim())) {
                throw S3Exception.badDigest(algorithm.toUpperCase(Locale.ROOT), r.resource());
            }
            checksums.put(name, sent.trim());
        }
        return new Payload(bytes, checksums);
    }

    private static Map<String, String> storedHeaders(Request r) {
        Map<String, String> headers = new TreeMap<>();
        for (String name : STORED_HEADERS) {
            String value = r.header(name);
            if (name.equals("Content-Encoding") && value != null) {
                value = String.join(",", java.util.Arrays.stream(value.split(","))
                        .map(String::trim).filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("aws-chunked")).toList());
            }
            if (value != null && !value.isEmpty()) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    /** {@code response-content-type} and friends: query parameters that override the stored headers (presigned URLs). */
    private static void overrides(Request r, Reply reply) {
        for (String name : STORED_HEADERS) {
            String value = r.param("response-" + name.toLowerCase(Locale.ROOT));
            reply.header(name, value);
        }
    }

    /** Conditional GET and HEAD: a failed {@code If-Match}/{@code If-Unmodified-Since} is 412, an unchanged object 304. */
    private static Reply readConditions(Request r, ObjectAttributes a) {
        String ifMatch = r.header("If-Match");
        String ifNoneMatch = r.header("If-None-Match");
        Instant modified = a.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null ? !matches(ifMatch, a.etag())
                : date(r.header("If-Unmodified-Since")).map(modified::isAfter).orElse(false)) {
            throw S3Exception.preconditionFailed(ifMatch != null ? "If-Match" : "If-Unmodified-Since", r.resource());
        }
        if (ifNoneMatch != null ? matches(ifNoneMatch, a.etag())
                : date(r.header("If-Modified-Since")).map(since -> !modified.isAfter(since)).orElse(false)) {
            return Reply.status(304).header("ETag", quoted(a.etag()))
                    .header("Last-Modified", Reply.httpDate(a.lastModified()));
        }
        return null;
    }

    /** Conditional writes: {@code If-None-Match: *} (only if absent) and {@code If-Match: <etag>}. */
    private void checkWriteConditions(Request r) {
        String ifNoneMatch = r.header("If-None-Match");
        String ifMatch = r.header("If-Match");
        if (ifNoneMatch == null && ifMatch == null) {
            return;
        }
        Store.Blob existing = store.objects(r.bucket()).get(r.key());
        if (ifNoneMatch != null && existing != null && matches(ifNoneMatch, existing.attributes().etag())) {
            throw S3Exception.preconditionFailed("If-None-Match", r.resource());
        }
        if (ifMatch != null) {
            if (existing == null) {
                throw S3Exception.noSuchKey(r.bucket(), r.key());
            }
            if (!matches(ifMatch, existing.attributes().etag())) {
                throw S3Exception.preconditionFailed("If-Match", r.resource());
            }
        }
    }

    private static boolean matches(String condition, String etag) {
        for (String candidate : condition.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || Uploads.unquote(c).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Instant> date(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(text.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty(); // S3 ignores a date it cannot read
        }
    }

    private record Source(String bucket, String key) {
    }

    /** {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=…]}, percent-encoded. */
    private static Source source(Request r) {
        String raw = r.header("x-amz-copy-source").trim();
        int question = raw.indexOf('?');
        if (question >= 0) {
            raw = raw.substring(0, question);
        }
        String decoded = Percent.decode(raw.startsWith("/") ? raw.substring(1) : raw, false);
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw S3Exception.invalidArgument("Copy Source must mention the source bucket and key: "
                    + "sourcebucket/sourcekey (was '" + r.header("x-amz-copy-source") + "')", r.resource());
        }
        return new Source(decoded.substring(0, slash), decoded.substring(slash + 1));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }
}
