package io.smolsnake.pypackaging.wheel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The hash algorithms RECORD may name, and RECORD's urlsafe-base64-without-padding encoding. */
final class Digests {
    /** RECORD's names (Python's hashlib) to Java's; md5 and sha1 are not allowed by the spec. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            "sha224", "SHA-224",
            "sha256", "SHA-256",
            "sha384", "SHA-384",
            "sha512", "SHA-512",
            "sha3_224", "SHA3-224",
            "sha3_256", "SHA3-256",
            "sha3_384", "SHA3-384",
            "sha3_512", "SHA3-512");

    /**
     * One digest per algorithm, cloned for each use: a clone costs a small copy, where
     * {@code getInstance} looks the algorithm up among the providers each time (a wheel has
     * thousands of members, each hashed).
     */
    private static final Map<String, MessageDigest> PROTOTYPES = new ConcurrentHashMap<>();

    private Digests() {}

    static boolean isSupported(String recordAlgorithm) {
        return ALGORITHMS.containsKey(recordAlgorithm);
    }

    static MessageDigest sha256() {
        return forRecord("sha256");
    }

    static MessageDigest forRecord(String recordAlgorithm) {
        String java = ALGORITHMS.get(recordAlgorithm);
        if (java == null) {
            throw new IllegalArgumentException("unsupported RECORD hash algorithm " + recordAlgorithm);
        }
        MessageDigest prototype = PROTOTYPES.computeIfAbsent(java, Digests::instance);
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return instance(java);
        }
    }

    private static MessageDigest instance(String java) {
        if (java.equals("SHA-256") && NativeSha256.available()) {
            return new NativeSha256();
        }
        try {
            return MessageDigest.getInstance(java);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + java, e);
        }
    }

    /** {@code digest} as RECORD writes it: urlsafe base64 without {@code =} padding. */
    static String recordEncoding(byte[] digest) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
