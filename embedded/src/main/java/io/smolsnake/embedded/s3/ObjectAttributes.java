package io.smolsnake.embedded.s3;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What S3 keeps about an object besides its bytes.
 *
 * @param key the object key
 * @param size the length in bytes
 * @param etag the entity tag without quotes: the MD5 hex of the bytes, or for a multipart
 *     upload the MD5 of the parts' MD5s followed by {@code -<number of parts>}
 * @param lastModified when the object was written, to the millisecond
 * @param headers the standard headers stored with the object ({@code Content-Type},
 *     {@code Cache-Control}, …) under their canonical names
 * @param metadata user metadata: {@code x-amz-meta-<name>} headers, names in lower case without the prefix
 * @param checksums additional checksums the writer sent, e.g. {@code x-amz-checksum-crc32} to its base64 value
 */
record ObjectAttributes(String key, long size, String etag, Instant lastModified, Map<String, String> headers,
        Map<String, String> metadata, Map<String, String> checksums) {

    ObjectAttributes {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        headers = frozen(headers);
        metadata = frozen(metadata);
        checksums = frozen(checksums);
    }

    /** The same object under another key, written at another time (a copy that keeps the metadata). */
    ObjectAttributes copiedTo(String newKey, Instant when) {
        return new ObjectAttributes(newKey, size, etag, when, headers, metadata, checksums);
    }

    private static Map<String, String> frozen(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
