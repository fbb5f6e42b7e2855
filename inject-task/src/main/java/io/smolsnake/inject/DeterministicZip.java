package io.smolsnake.inject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A zip whose bytes depend only on its entries: names sorted, every timestamp 1980-01-01 00:00,
 * one compression level, Unix modes recorded (the exec wrapper must stay executable), no extra
 * fields. java.util.zip's writer cannot record Unix modes, hence this small writer.
 */
final class DeterministicZip {
    /** One file: its bytes and Unix permission bits (0644, 0755). */
    record Entry(byte[] bytes, int mode) {}

    private static final int DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
    private static final int VERSION_NEEDED = 20;
    private static final int MADE_BY_UNIX = (3 << 8) | 20;

    private DeterministicZip() {}

    static byte[] write(Map<String, Entry> files) {
        SortedMap<String, Entry> sorted = new TreeMap<>(files);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Map.Entry<String, Entry> file : sorted.entrySet()) {
            byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] data = file.getValue().bytes();
            CRC32 crc = new CRC32();
            crc.update(data);
            byte[] deflated = deflate(data);
            boolean stored = deflated.length >= data.length;
            byte[] body = stored ? data : deflated;
            long offset = out.size();
            if (offset + body.length > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("the bundle is larger than 4 GiB; Lambda takes at most 250 MB");
            }
            int method = stored ? 0 : 8;
            int4(out, 0x04034b50);
            int2(out, VERSION_NEEDED);
            int2(out, 0x0800); // names are UTF-8
            int2(out, method);
            int2(out, 0);
            int2(out, DOS_DATE_1980_01_01);
            int4(out, (int) crc.getValue());
            int4(out, body.length);
            int4(out, data.length);
            int2(out, name.length);
            int2(out, 0);
            out.writeBytes(name);
            out.writeBytes(body);

            int4(central, 0x02014b50);
            int2(central, MADE_BY_UNIX);
            int2(central, VERSION_NEEDED);
            int2(central, 0x0800);
            int2(central, method);
            int2(central, 0);
            int2(central, DOS_DATE_1980_01_01);
            int4(central, (int) crc.getValue());
            int4(central, body.length);
            int4(central, data.length);
            int2(central, name.length);
            int2(central, 0);
            int2(central, 0);
            int2(central, 0);
            int2(central, 0);
            int4(central, (0100000 | (file.getValue().mode() & 0777)) << 16);
            int4(central, (int) offset);
            central.writeBytes(name);
        }
        if (sorted.size() > 0xFFFF) {
            throw new IllegalArgumentException("the bundle has more than 65535 files");
        }
        long centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        int4(out, 0x06054b50);
        int2(out, 0);
        int2(out, 0);
        int2(out, sorted.size());
        int2(out, sorted.size());
        int4(out, central.size());
        int4(out, (int) centralOffset);
        int2(out, 0);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void int2(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void int4(ByteArrayOutputStream out, int v) {
        int2(out, v & 0xFFFF);
        int2(out, (v >>> 16) & 0xFFFF);
    }
}
