package io.smolsnake.embedded.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the {@code aws-chunked} content encoding the SDKs use for streaming uploads
 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}, …):
 * {@code <hex size>[;chunk-signature=…]\r\n<bytes>\r\n} repeated, a zero-size chunk, then trailing
 * headers such as {@code x-amz-checksum-crc32:…} and an empty line. Chunk signatures are not checked.
 */
final class AwsChunked {

    record Decoded(byte[] body, Map<String, String> trailers) {
    }

    private AwsChunked() {
    }

    static Decoded decode(byte[] raw, String resource) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(raw.length);
        int at = 0;
        while (true) {
            int eol = lineEnd(raw, at);
            if (eol < 0) {
                throw incomplete(resource, "a chunk header is cut short at byte " + at);
            }
            String header = new String(raw, at, eol - at, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            String hex = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw incomplete(resource, "expected a hexadecimal chunk size at byte " + at + ", found '"
                        + header + "'");
            }
            at = eol + 2;
            if (size == 0) {
                break;
            }
            if (size < 0 || size > raw.length - at) {
                throw incomplete(resource, "a chunk of " + size + " bytes runs past the end of the body");
            }
            body.write(raw, at, (int) size);
            at += (int) size;
            if (at + 2 > raw.length || raw[at] != '\r' || raw[at + 1] != '\n') {
                throw incomplete(resource, "a chunk does not end with CRLF at byte " + at);
            }
            at += 2;
        }
        Map<String, String> trailers = new TreeMap<>();
        while (at < raw.length) {
            int eol = lineEnd(raw, at);
            String line = new String(raw, at, (eol < 0 ? raw.length : eol) - at, StandardCharsets.UTF_8);
            at = eol < 0 ? raw.length : eol + 2;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return new Decoded(body.toByteArray(), trailers);
    }

    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static S3Exception incomplete(String resource, String detail) {
        return new S3Exception(400, "IncompleteBody",
                "The aws-chunked request body is malformed: " + detail, resource);
    }
}
