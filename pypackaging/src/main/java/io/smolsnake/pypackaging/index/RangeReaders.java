package io.smolsnake.pypackaging.index;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Range readers over HTTP: the tail is fetched first, further ranges on demand. */
final class RangeReaders {
    /** The end-of-central-directory record plus the longest zip comment. */
    static final int TAIL = 22 + 65535;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+)");

    private RangeReaders() {}

    static void checkRange(long offset, int length, long size, String what) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IOException("range " + offset + "+" + length + " lies outside " + what + " (" + size + " bytes)");
        }
    }

    /** The result of opening a remote file: a range reader, and whether the whole file came down. */
    record Opened(RangeReader reader, boolean wholeFile, byte[] wholeBody) {}

    /**
     * Asks for the last {@link #TAIL} bytes. A server that honours {@code Range} answers 206 and the
     * rest is read on demand; one that ignores it sends the whole file (200), which is used as is.
     */
    static Opened open(Http http, URI url) throws IOException {
        Http.Response r = http.get(url, Map.of("Range", "bytes=-" + TAIL, "Accept-Encoding", "identity"));
        if (r.status() == 200) {
            return new Opened(RangeReader.of(r.body()), true, r.body());
        }
        if (r.status() != 206) {
            throw new IOException(Http.describe(r) + " for " + url);
        }
        long[] range = contentRange(r, url);
        return new Opened(new Remote(http, url, range[2], range[0], r.body()), false, null);
    }

    private static long[] contentRange(Http.Response r, URI url) throws IOException {
        String header = r.header("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(header);
        if (!m.matches()) {
            throw new IOException("206 without a usable Content-Range ('" + header + "') from " + url);
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        if (end < start || end >= total || r.body().length != end - start + 1) {
            throw new IOException("inconsistent Content-Range '" + header + "' for " + r.body().length
                    + " bytes from " + url);
        }
        return new long[] {start, end, total};
    }

    private static final class Remote implements RangeReader {
        private final Http http;
        private final URI url;
        private final long size;
        private final long tailStart;
        private final byte[] tail;

        Remote(Http http, URI url, long size, long tailStart, byte[] tail) {
            this.http = http;
            this.url = url;
            this.size = size;
            this.tailStart = tailStart;
            this.tail = tail;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public byte[] read(long offset, int length) throws IOException {
            checkRange(offset, length, size, url.toString());
            if (length == 0) {
                return new byte[0];
            }
            if (offset >= tailStart) {
                int from = (int) (offset - tailStart);
                return java.util.Arrays.copyOfRange(tail, from, from + length);
            }
            long last = offset + length - 1;
            Http.Response r = http.get(url, Map.of("Range", "bytes=" + offset + "-" + last,
                    "Accept-Encoding", "identity"));
            if (r.status() == 200 && r.body().length == size) {
                return java.util.Arrays.copyOfRange(r.body(), (int) offset, (int) offset + length);
            }
            if (r.status() != 206) {
                throw new IOException(Http.describe(r) + " for bytes " + offset + "-" + last + " of " + url);
            }
            long[] range = contentRange(r, url);
            if (range[0] != offset || range[1] != last) {
                throw new IOException("asked for bytes " + offset + "-" + last + " of " + url + ", got "
                        + range[0] + "-" + range[1]);
            }
            return r.body();
        }
    }
}
