package io.smolsnake.pypackaging.index;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A distribution's core metadata file ({@code METADATA}) as bytes, not parsed here.
 *
 * @param file the file it describes
 * @param bytes the METADATA file's bytes
 * @param origin how it was obtained
 */
public record RawMetadata(ProjectFile file, byte[] bytes, Origin origin) {

    /** How the metadata was obtained, cheapest first. */
    public enum Origin {
        /** The on-disk cache, keyed by the wheel's sha256. */
        CACHE,
        /** The PEP 658 {@code <file>.metadata} file. */
        METADATA_FILE,
        /** The wheel's zip central directory, read by random access or HTTP range requests. */
        WHEEL_RANGE,
        /** The whole wheel, downloaded because the server ignores range requests. */
        WHOLE_WHEEL
    }

    public RawMetadata {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(origin, "origin");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The metadata as text (core metadata is UTF-8). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawMetadata m && m.file.equals(file) && java.util.Arrays.equals(m.bytes, bytes)
                && m.origin == origin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, java.util.Arrays.hashCode(bytes), origin);
    }

    @Override
    public String toString() {
        return "RawMetadata[" + file.filename() + ", " + bytes.length + " bytes, " + origin + "]";
    }
}
