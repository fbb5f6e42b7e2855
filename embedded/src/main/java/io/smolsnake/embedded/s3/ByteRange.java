package io.smolsnake.embedded.s3;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An inclusive byte range of an object of a known size, from a {@code Range: bytes=…} header. */
record ByteRange(long first, long last, long size) {
    private static final Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d{0,18})\\s*-\\s*(\\d{0,18})\\s*");

    long length() {
        return last - first + 1;
    }

    String contentRange() {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * Resolves a {@code Range} header against an object's size. Like S3, a header that is not a
     * single byte range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) is ignored and the
     * whole object is served; a range that starts past the end is refused with {@code InvalidRange}.
     */
    static Optional<ByteRange> parse(String header, long size, String resource) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                throw invalidRange(size, resource);
            }
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < first) {
                return Optional.empty();
            }
            last = Math.min(last, size - 1);
        }
        if (first >= size) {
            throw invalidRange(size, resource);
        }
        return Optional.of(new ByteRange(first, last, size));
    }

    private static S3Exception invalidRange(long size, String resource) {
        return new S3Exception(416, "InvalidRange", "The requested range is not satisfiable (the object has "
                + size + " bytes)", resource);
    }
}
