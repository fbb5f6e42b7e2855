package io.smolsnake.embedded.s3;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Multipart uploads in progress. They are kept in memory only (even with a data directory): an
 * upload interrupted by a restart is gone, as if it had been aborted, and the client starts again.
 */
final class Uploads {
    /** S3's smallest part, except for the last one. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final int MAX_PART_NUMBER = 10_000;

    record Part(int number, byte[] bytes, String etag, Instant lastModified) {
    }

    record Upload(String id, String bucket, String key, Map<String, String> headers, Map<String, String> metadata,
            Instant initiated, ConcurrentSkipListMap<Integer, Part> parts) {
    }

    /** A part as CompleteMultipartUpload names it. */
    record Requested(int number, String etag) {
    }

    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    Upload create(String bucket, String key, Map<String, String> headers, Map<String, String> metadata, Instant now) {
        String id = UUID.randomUUID().toString().replace("-", "");
        Upload upload = new Upload(id, bucket, key, headers, metadata, now, new ConcurrentSkipListMap<>());
        uploads.put(id, upload);
        return upload;
    }

    Upload get(String bucket, String key, String id) {
        Upload upload = id == null ? null : uploads.get(id);
        if (upload == null || !upload.bucket().equals(bucket) || !upload.key().equals(key)) {
            throw S3Exception.noSuchUpload(bucket, key, id);
        }
        return upload;
    }

    List<Upload> inBucket(String bucket) {
        return uploads.values().stream().filter(u -> u.bucket().equals(bucket))
                .sorted(java.util.Comparator.comparing(Upload::key, Store.KEY_ORDER).thenComparing(Upload::initiated))
                .toList();
    }

    void abort(String bucket, String key, String id) {
        uploads.remove(get(bucket, key, id).id());
    }

    static int partNumber(String text, String resource) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_PART_NUMBER) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw S3Exception.invalidArgument("Part number must be an integer between 1 and " + MAX_PART_NUMBER
                + ", inclusive (was '" + text + "')", resource);
    }

    /** The bytes and the entity tag of the object the listed parts make; the upload stays until removed. */
    record Assembled(byte[] bytes, String etag) {
    }

    static Assembled assemble(Upload upload, List<Requested> requested, String resource) {
        if (requested.isEmpty()) {
            throw S3Exception.malformedXml(resource);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        List<Part> parts = new ArrayList<>();
        int previous = 0;
        for (Requested r : requested) {
            if (r.number() <= previous) {
                throw new S3Exception(400, "InvalidPartOrder",
                        "The list of parts was not in ascending order. The parts list must be specified in order by part number.",
                        resource);
            }
            previous = r.number();
            Part part = upload.parts().get(r.number());
            if (part == null || !part.etag().equals(unquote(r.etag()))) {
                throw new S3Exception(400, "InvalidPart", "One or more of the specified parts could not be found. "
                        + "The part may not have been uploaded, or the specified entity tag may not match the part's "
                        + "entity tag (part " + r.number() + ").", resource);
            }
            parts.add(part);
        }
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (i < parts.size() - 1 && part.bytes().length < MIN_PART_SIZE) {
                throw new S3Exception(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum "
                        + "allowed object size (part " + part.number() + " has " + part.bytes().length
                        + " bytes; every part but the last needs at least " + MIN_PART_SIZE + ").", resource);
            }
            bytes.writeBytes(part.bytes());
            md5s.writeBytes(HexFormat.of().parseHex(part.etag()));
        }
        return new Assembled(bytes.toByteArray(), Digests.md5Hex(md5s.toByteArray()) + "-" + parts.size());
    }

    void remove(String id) {
        uploads.remove(id);
    }

    static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        String t = etag.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
