package io.smolsnake.embedded.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The digests S3 computes and checks: MD5 entity tags and the additional checksums of the SDKs. */
final class Digests {
    /** The checksum algorithms S3 accepts, as they appear in {@code x-amz-checksum-<name>}. */
    static final String[] CHECKSUMS = {"crc32", "crc32c", "crc64nvme", "sha1", "sha256"};

    private Digests() {
    }

    static byte[] md5(byte[] bytes) {
        return digest("MD5", bytes);
    }

    static String md5Hex(byte[] bytes) {
        return HexFormat.of().formatHex(md5(bytes));
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256", bytes));
    }

    /** The base64 checksum S3 would compute, or empty for an algorithm the JDK cannot compute (CRC64NVME). */
    static Optional<String> checksum(String algorithm, byte[] bytes) {
        return switch (algorithm) {
            case "crc32" -> Optional.of(crc(new CRC32(), bytes));
            case "crc32c" -> Optional.of(crc(new CRC32C(), bytes));
            case "sha1" -> Optional.of(Base64.getEncoder().encodeToString(digest("SHA-1", bytes)));
            case "sha256" -> Optional.of(Base64.getEncoder().encodeToString(digest("SHA-256", bytes)));
            default -> Optional.empty();
        };
    }

    private static String crc(Checksum crc, byte[] bytes) {
        crc.update(bytes, 0, bytes.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
