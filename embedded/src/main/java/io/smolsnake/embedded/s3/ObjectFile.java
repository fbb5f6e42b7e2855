package io.smolsnake.embedded.s3;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object in the data directory: a single file holding a magic line, the attributes as JSON
 * (length-prefixed) and then the bytes. Being one file, an object is replaced by one atomic
 * rename, so a reader or a crash sees the old object or the new one, never half of either.
 */
final class ObjectFile {
    private static final byte[] MAGIC = "smolsnake-s3-object-1\n".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };

    private ObjectFile() {
    }

    /** The attributes and the requested bytes, both from the same version of the file. */
    record Content(ObjectAttributes attributes, byte[] bytes) {
    }

    /**
     * Writes the object to a new file in {@code tempDirectory}, flushed to disk, for the caller to
     * rename into place; the caller deletes it if it does not.
     */
    static Path writeTemp(Path tempDirectory, ObjectAttributes attributes, byte[] body) throws IOException {
        byte[] header = JSON.writeValueAsBytes(toJson(attributes));
        Path temp = Files.createTempFile(tempDirectory, "put-", ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            out.write(MAGIC);
            out.write(ByteBuffer.allocate(4).putInt(header.length).array());
            out.write(header);
            out.write(body);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** The attributes alone (to index the data directory at start). */
    static ObjectAttributes readAttributes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return header(in, file);
        }
    }

    /** The attributes and the bytes of {@code range} (all of them when null). */
    static Content read(Path file, ByteRange range) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ObjectAttributes attributes = header(in, file);
            long skip = range == null ? 0 : range.first();
            long length = range == null ? attributes.size() : range.length();
            if (in.skip(skip) != skip || length > Integer.MAX_VALUE - 8) {
                throw new IOException("truncated object file " + file);
            }
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw new IOException("truncated object file " + file);
            }
            return new Content(attributes, bytes);
        }
    }

    private static ObjectAttributes header(InputStream in, Path file) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        byte[] length = in.readNBytes(4);
        if (!Arrays.equals(magic, MAGIC) || length.length != 4) {
            throw new IOException("not an embedded S3 object file: " + file);
        }
        int n = ByteBuffer.wrap(length).getInt();
        byte[] json = in.readNBytes(Math.max(0, n));
        if (n <= 0 || json.length != n) {
            throw new IOException("truncated object file " + file);
        }
        return fromJson(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }), file);
    }

    private static Map<String, Object> toJson(ObjectAttributes a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", a.key());
        json.put("size", a.size());
        json.put("etag", a.etag());
        json.put("lastModified", a.lastModified().toEpochMilli());
        json.put("headers", a.headers());
        json.put("metadata", a.metadata());
        json.put("checksums", a.checksums());
        return json;
    }

    private static ObjectAttributes fromJson(Map<String, Object> json, Path file) throws IOException {
        try {
            return new ObjectAttributes((String) json.get("key"), ((Number) json.get("size")).longValue(),
                    (String) json.get("etag"), Instant.ofEpochMilli(((Number) json.get("lastModified")).longValue()),
                    JSON.convertValue(json.get("headers"), STRINGS), JSON.convertValue(json.get("metadata"), STRINGS),
                    JSON.convertValue(json.get("checksums"), STRINGS));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new IOException("unreadable attributes in object file " + file, e);
        }
    }
}
