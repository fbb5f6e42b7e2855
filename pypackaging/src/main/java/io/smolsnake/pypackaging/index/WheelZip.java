package io.smolsnake.pypackaging.index;

import io.smolsnake.pypackaging.name.PackageName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads one member, {@code <name>.dist-info/METADATA}, from a wheel through its zip central
 * directory, touching only the tail of the file and that member's bytes.
 */
final class WheelZip {
    private static final int EOCD_SIG = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int ZIP64_EOCD_SIG = 0x06064b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int LOCAL_SIG = 0x04034b50;
    private static final long MAX_METADATA = 64L << 20;

    private WheelZip() {}

    private record Entry(String name, int method, long crc, long compressedSize, long size, long localOffset,
            int headerGuess) {}

    /**
     * The bytes of the wheel's {@code .dist-info/METADATA}.
     *
     * @throws IndexException naming the wheel when it is not a zip, has no (or more than one
     *     candidate) METADATA, or the member is damaged
     */
    static byte[] metadata(RangeReader reader, String wheelFilename) {
        try {
            List<Entry> entries = centralDirectory(reader);
            Entry entry = pick(entries, wheelFilename);
            return extract(reader, entry);
        } catch (IOException e) {
            throw new IndexException("cannot read METADATA from " + wheelFilename + ": " + e.getMessage(), e);
        }
    }

    private static List<Entry> centralDirectory(RangeReader reader) throws IOException {
        long size = reader.size();
        if (size < 22) {
            throw fail("not a zip file (" + size + " bytes)");
        }
        int tailLength = (int) Math.min(size, RangeReaders.TAIL);
        long tailStart = size - tailLength;
        ByteBuffer tail = le(reader.read(tailStart, tailLength));
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIG && i + 22 + (tail.getShort(i + 20) & 0xffff) <= tailLength) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw fail("no end-of-central-directory record: not a zip file");
        }
        long count = tail.getShort(eocd + 10) & 0xffff;
        long cdSize = tail.getInt(eocd + 12) & 0xffffffffL;
        long cdOffset = tail.getInt(eocd + 16) & 0xffffffffL;
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            long locator = tailStart + eocd - 20;
            if (locator < 0) {
                throw fail("zip64 markers without a zip64 locator");
            }
            ByteBuffer loc = le(reader.read(locator, 20));
            if (loc.getInt(0) != ZIP64_LOCATOR_SIG) {
                throw fail("zip64 markers without a zip64 locator");
            }
            long z64 = loc.getLong(8);
            if (z64 < 0 || z64 + 56 > size) {
                throw fail("zip64 end record outside the file");
            }
            ByteBuffer rec = le(reader.read(z64, 56));
            if (rec.getInt(0) != ZIP64_EOCD_SIG) {
                throw fail("bad zip64 end record");
            }
            count = rec.getLong(32);
            cdSize = rec.getLong(40);
            cdOffset = rec.getLong(48);
        }
        if (cdOffset < 0 || cdSize < 0 || cdSize > Integer.MAX_VALUE || cdOffset + cdSize > size) {
            throw fail("central directory (" + cdSize + " bytes at " + cdOffset + ") lies outside the file");
        }
        ByteBuffer cd = le(reader.read(cdOffset, (int) cdSize));
        List<Entry> entries = new ArrayList<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p + 46 > cd.limit() || cd.getInt(p) != CENTRAL_SIG) {
                throw fail("damaged central directory at entry " + i);
            }
            int method = cd.getShort(p + 10) & 0xffff;
            long crc = cd.getInt(p + 16) & 0xffffffffL;
            long compressed = cd.getInt(p + 20) & 0xffffffffL;
            long uncompressed = cd.getInt(p + 24) & 0xffffffffL;
            int nameLength = cd.getShort(p + 28) & 0xffff;
            int extraLength = cd.getShort(p + 30) & 0xffff;
            int commentLength = cd.getShort(p + 32) & 0xffff;
            long local = cd.getInt(p + 42) & 0xffffffffL;
            int end = p + 46 + nameLength + extraLength + commentLength;
            if (end > cd.limit()) {
                throw fail("damaged central directory at entry " + i);
            }
            String name = new String(bytes(cd, p + 46, nameLength), StandardCharsets.UTF_8);
            if (compressed == 0xffffffffL || uncompressed == 0xffffffffL || local == 0xffffffffL) {
                long[] values = zip64Extra(cd, p + 46 + nameLength, extraLength);
                int k = 0;
                if (uncompressed == 0xffffffffL) {
                    uncompressed = values[k++];
                }
                if (compressed == 0xffffffffL) {
                    compressed = values[k++];
                }
                if (local == 0xffffffffL) {
                    local = values[k];
                }
            }
            entries.add(new Entry(name, method, crc, compressed, uncompressed, local, nameLength + extraLength));
            p = end;
        }
        return entries;
    }

    private static long[] zip64Extra(ByteBuffer cd, int start, int length) {
        int p = start;
        while (p + 4 <= start + length) {
            int id = cd.getShort(p) & 0xffff;
            int size = cd.getShort(p + 2) & 0xffff;
            if (id == 0x0001) {
                long[] values = new long[3];
                for (int k = 0; k < 3 && k * 8 + 8 <= size && p + 4 + k * 8 + 8 <= start + length; k++) {
                    values[k] = cd.getLong(p + 4 + k * 8);
                }
                return values;
            }
            p += 4 + size;
        }
        return new long[] {-1, -1, -1};
    }

    private static Entry pick(List<Entry> entries, String wheelFilename) throws IOException {
        List<Entry> candidates = new ArrayList<>();
        for (Entry e : entries) {
            int slash = e.name().indexOf('/');
            if (slash > 0 && e.name().substring(slash).equals("/METADATA")
                    && e.name().substring(0, slash).endsWith(".dist-info")) {
                candidates.add(e);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new IOException("the wheel has no top-level *.dist-info/METADATA");
        }
        String project = PackageName.canonicalize(wheelFilename.split("-", 2)[0]);
        List<Entry> named = new ArrayList<>();
        for (Entry e : candidates) {
            if (PackageName.canonicalize(e.name().split("-", 2)[0]).equals(project)) {
                named.add(e);
            }
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        throw new IOException("the wheel has " + candidates.size() + " .dist-info directories: "
                + candidates.stream().map(Entry::name).toList());
    }

    private static byte[] extract(RangeReader reader, Entry entry) throws IOException {
        if (entry.size() > MAX_METADATA || entry.compressedSize() > MAX_METADATA || entry.localOffset() < 0) {
            throw fail(entry.name() + " is larger than " + MAX_METADATA + " bytes");
        }
        // one read for the local header and the data, guessing the local name and extra from the
        // central directory's (they usually agree); a second read only when the guess was short
        long size = reader.size();
        long want = 30L + entry.headerGuess() + 1024 + entry.compressedSize();
        if (entry.localOffset() + 30 > size) {
            throw fail("local header of " + entry.name() + " lies outside the file");
        }
        byte[] chunk = reader.read(entry.localOffset(), (int) Math.min(want, size - entry.localOffset()));
        ByteBuffer local = le(chunk);
        if (local.getInt(0) != LOCAL_SIG) {
            throw fail("no local header for " + entry.name() + " at " + entry.localOffset());
        }
        int skip = 30 + (local.getShort(26) & 0xffff) + (local.getShort(28) & 0xffff);
        byte[] data;
        if (skip + entry.compressedSize() <= chunk.length) {
            data = java.util.Arrays.copyOfRange(chunk, skip, skip + (int) entry.compressedSize());
        } else {
            data = reader.read(entry.localOffset() + skip, (int) entry.compressedSize());
        }
        byte[] out;
        if (entry.method() == 0) {
            out = data;
        } else if (entry.method() == 8) {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(data);
                out = new byte[(int) entry.size()];
                int n = 0;
                while (n < out.length && !inflater.finished()) {
                    int got = inflater.inflate(out, n, out.length - n);
                    if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += got;
                }
                if (n != out.length) {
                    throw fail(entry.name() + " inflates to " + n + " bytes, expected " + out.length);
                }
            } catch (DataFormatException e) {
                throw fail(entry.name() + " is not valid deflate data: " + e.getMessage());
            } finally {
                inflater.end();
            }
        } else {
            throw fail(entry.name() + " uses unsupported compression method " + entry.method());
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != entry.crc()) {
            throw fail(entry.name() + " fails its CRC check");
        }
        return out;
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] bytes(ByteBuffer buffer, int offset, int length) {
        byte[] out = new byte[length];
        buffer.get(offset, out);
        return out;
    }

    private static IOException fail(String reason) {
        return new IOException(reason);
    }
}
