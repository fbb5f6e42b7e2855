package io.smolsnake.pypackaging.wheel;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the caller (the lock file) says the wheel file is: its sha256 and, where known, its size.
 *
 * @param size the size in bytes, or {@code -1} when the lock does not record it
 * @param sha256 64 hex digits, stored in lower case
 */
public record ExpectedDigest(long size, String sha256) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ExpectedDigest {
        if (sha256 == null || !HEX64.matcher(sha256.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("expected a sha256 of 64 hex digits, got '" + sha256 + "'");
        }
        if (size < -1) {
            throw new IllegalArgumentException("expected a size >= 0 (or -1 for unknown), got " + size);
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** A digest with a known size. */
    public static ExpectedDigest of(long size, String sha256) {
        return new ExpectedDigest(size, sha256);
    }

    /** A digest whose size is not known (the lock has only the hash). */
    public static ExpectedDigest sha256(String sha256) {
        return new ExpectedDigest(-1, sha256);
    }
}
