package io.smolsnake.embedded.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/** The bucket operations: create, head, delete, the listings, and the batch delete of objects. */
final class BucketApi {
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final String OWNER_ID = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";
    static final String REGION = "us-east-1";

    private final Store store;
    private final Uploads uploads;
    private final Clock clock;

    BucketApi(Store store, Uploads uploads, Clock clock) {
        this.store = store;
        this.uploads = uploads;
        this.clock = clock;
    }

    Reply listBuckets() {
        Xml xml = Xml.document("ListAllMyBucketsResult")
                .start("Owner").element("ID", OWNER_ID).element("DisplayName", "smolsnake").end()
                .start("Buckets");
        for (Store.Bucket b : store.buckets()) {
            xml.start("Bucket").element("Name", b.name()).element("CreationDate", Xml.timestamp(b.created())).end();
        }
        return Reply.xml(xml.end());
    }

    Reply create(Request r) throws IOException {
        String name = r.bucket();
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
            throw new S3Exception(400, "InvalidBucketName", "The specified bucket is not valid: '" + name
                    + "' (3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter"
                    + " or digit)", "/" + name);
        }
        byte[] body = r.rawBody();
        if (body.length > 0) {
            Xml.parse(body, "/" + name); // CreateBucketConfiguration: any region is accepted
        }
        store.createBucket(name, clock.instant());
        return Reply.status(200).header("Location", "/" + name);
    }

    Reply head(Request r) {
        store.bucket(r.bucket());
        return Reply.status(200).header("x-amz-bucket-region", REGION);
    }

    Reply delete(Request r) {
        store.deleteBucket(r.bucket());
        return Reply.status(204);
    }

    Reply location(Request r) {
        store.bucket(r.bucket());
        return Reply.xml(Xml.document("LocationConstraint")); // empty: us-east-1
    }

    Reply versioning(Request r) {
        store.bucket(r.bucket());
        return Reply.xml(Xml.document("VersioningConfiguration"));
    }

    Reply listUploads(Request r) {
        store.bucket(r.bucket());
        Xml xml = Xml.document("ListMultipartUploadsResult").element("Bucket", r.bucket())
                .element("KeyMarker", "").element("UploadIdMarker", "").element("MaxUploads", 1000)
                .element("IsTruncated", false);
        for (Uploads.Upload u : uploads.inBucket(r.bucket())) {
            xml.start("Upload").element("Key", u.key()).element("UploadId", u.id())
                    .element("StorageClass", "STANDARD").element("Initiated", Xml.timestamp(u.initiated())).end();
        }
        return Reply.xml(xml);
    }

    Reply listV2(Request r) {
        String prefix = nonNull(r.param("prefix"));
        String delimiter = nonNull(r.param("delimiter"));
        int maxKeys = maxKeys(r);
        boolean url = encodingType(r);
        String token = r.param("continuation-token");
        String startAfter = r.param("start-after");
        String after = token != null ? token(token, r) : startAfter;
        Listing page = Listing.page(store.objects(r.bucket()), prefix, delimiter, after, maxKeys);
        Xml xml = Xml.document("ListBucketResult").element("Name", r.bucket())
                .element("Prefix", encode(prefix, url)).element("Delimiter", delimiter.isEmpty() ? null
                        : encode(delimiter, url))
                .element("MaxKeys", maxKeys).element("EncodingType", url ? "url" : null)
                .element("KeyCount", page.contents().size() + page.commonPrefixes().size())
                .element("IsTruncated", page.truncated())
                .element("ContinuationToken", token)
                .element("NextContinuationToken", page.truncated() ? Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(page.last().getBytes(StandardCharsets.UTF_8)) : null)
                .element("StartAfter", startAfter == null ? null : encode(startAfter, url));
        contents(xml, page, url);
        return Reply.xml(xml);
    }

    Reply listV1(Request r) {
        String prefix = nonNull(r.param("prefix"));
        String delimiter = nonNull(r.param("delimiter"));
        String marker = nonNull(r.param("marker"));
        int maxKeys = maxKeys(r);
        boolean url = encodingType(r);
        Listing page = Listing.page(store.objects(r.bucket()), prefix, delimiter, marker.isEmpty() ? null : marker,
                maxKeys);
        Xml xml = Xml.document("ListBucketResult").element("Name", r.bucket())
                .element("Prefix", encode(prefix, url)).element("Marker", encode(marker, url))
                .element("NextMarker", page.truncated() && !delimiter.isEmpty() ? encode(page.last(), url) : null)
                .element("MaxKeys", maxKeys).element("Delimiter", delimiter.isEmpty() ? null : encode(delimiter, url))
                .element("EncodingType", url ? "url" : null)
                .element("IsTruncated", page.truncated());
        contents(xml, page, url);
        return Reply.xml(xml);
    }

    Reply deleteObjects(Request r) throws IOException {
        store.bucket(r.bucket());
        Element root = Xml.parse(r.rawBody(), r.resource());
        if (!"Delete".equals(root.getLocalName())) {
            throw S3Exception.malformedXml(r.resource());
        }
        boolean quiet = "true".equalsIgnoreCase(Xml.text(root, "Quiet"));
        List<String> keys = new ArrayList<>();
        for (Element object : Xml.children(root, "Object")) {
            String key = Xml.text(object, "Key");
            if (key == null || key.isEmpty()) {
                throw S3Exception.malformedXml(r.resource());
            }
            keys.add(object.getElementsByTagNameNS("*", "Key").item(0).getTextContent());
        }
        if (keys.size() > 1000) {
            throw S3Exception.malformedXml(r.resource());
        }
        Xml xml = Xml.document("DeleteResult");
        for (String key : keys) {
            store.delete(r.bucket(), key);
            if (!quiet) {
                xml.start("Deleted").element("Key", key).end();
            }
        }
        return Reply.xml(xml);
    }

    private static void contents(Xml xml, Listing page, boolean url) {
        for (ObjectAttributes o : page.contents()) {
            xml.start("Contents").element("Key", encode(o.key(), url))
                    .element("LastModified", Xml.timestamp(o.lastModified()))
                    .element("ETag", "\"" + o.etag() + "\"").element("Size", o.size())
                    .element("StorageClass", "STANDARD")
                    .start("Owner").element("ID", OWNER_ID).element("DisplayName", "smolsnake").end()
                    .end();
        }
        for (String p : page.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", encode(p, url)).end();
        }
    }

    private static int maxKeys(Request r) {
        String text = r.param("max-keys");
        if (text == null) {
            return 1000;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0) {
                return Math.min(n, 1000);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw S3Exception.invalidArgument("Provided max-keys not an integer or within integer range: '" + text + "'",
                r.resource());
    }

    private static boolean encodingType(Request r) {
        String type = r.param("encoding-type");
        if (type == null || type.isEmpty()) {
            return false;
        }
        if (!type.equals("url")) {
            throw S3Exception.invalidArgument("Invalid Encoding Method specified in Request: '" + type + "'",
                    r.resource());
        }
        return true;
    }

    private static String token(String token, Request r) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Exception.invalidArgument("The continuation token provided is incorrect: '" + token + "'",
                    r.resource());
        }
    }

    private static String encode(String text, boolean url) {
        return url ? Percent.encode(text, true) : text;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
