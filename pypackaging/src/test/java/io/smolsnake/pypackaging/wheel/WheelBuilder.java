package io.smolsnake.pypackaging.wheel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds real small wheels for tests. It writes the zip itself (java.util.zip cannot set Unix
 * modes or write duplicate names), so a test can make exactly the archive it needs: executable
 * bits, symbolic links, duplicates, a RECORD that lies.
 */
public final class WheelBuilder {
    private record Entry(String name, byte[] content, int mode) {}

    private final String distribution;
    private final String version;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, byte[]> recordedAs = new LinkedHashMap<>();
    private final List<String> unrecorded = new ArrayList<>();
    private final Map<String, Long> recordedSizes = new LinkedHashMap<>();
    private String wheelFile = "Wheel-Version: 1.0\nGenerator: WheelBuilder\nRoot-Is-Purelib: true\nTag: py3-none-any\n";
    private String metadata;
    private String record;
    private boolean withRecord = true;
    private String tag = "py3-none-any";

    private WheelBuilder(String distribution, String version) {
        this.distribution = distribution;
        this.version = version;
        this.metadata = "Metadata-Version: 2.1\nName: " + distribution + "\nVersion: " + version + "\n\nA test wheel.\n";
    }

    public static WheelBuilder wheel(String distribution, String version) {
        return new WheelBuilder(distribution, version);
    }

    String distInfo() {
        return distribution.replace('-', '_') + "-" + version + ".dist-info";
    }

    String dataDir() {
        return distribution.replace('-', '_') + "-" + version + ".data";
    }

    /** A regular file, mode 0644. */
    public WheelBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0100644);
    }

    WheelBuilder file(String name, byte[] content, int mode) {
        entries.add(new Entry(name, content, mode));
        return this;
    }

    /** A regular file with mode 0755. */
    WheelBuilder executable(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0100755);
    }

    /** A symbolic link entry (mode 0120777) whose content is the link's target. */
    WheelBuilder symlink(String name, String target) {
        return file(name, target.getBytes(StandardCharsets.UTF_8), 0120777);
    }

    /** A file whose RECORD line describes {@code recorded}, while the archive holds {@code content}. */
    WheelBuilder tampered(String name, String recorded, String content) {
        recordedAs.put(name, recorded.getBytes(StandardCharsets.UTF_8));
        return file(name, content);
    }

    /** A file whose RECORD line has the right hash but {@code size} as its size. */
    WheelBuilder wrongSize(String name, String content, long size) {
        recordedSizes.put(name, size);
        return file(name, content);
    }

    /** A file that RECORD does not list. */
    WheelBuilder unrecorded(String name, String content) {
        unrecorded.add(name);
        return file(name, content);
    }

    /** Replaces WHEEL's content; {@code null} leaves WHEEL out. */
    WheelBuilder wheelFile(String content) {
        this.wheelFile = content;
        return this;
    }

    public WheelBuilder metadata(String content) {
        this.metadata = content;
        return this;
    }

    /** Replaces the generated RECORD. */
    WheelBuilder record(String content) {
        this.record = content;
        return this;
    }

    WheelBuilder withoutRecord() {
        this.withRecord = false;
        return this;
    }

    /** The wheel's tag (compressed tag sets allowed), in its file name and WHEEL. */
    public WheelBuilder tag(String tag) {
        this.wheelFile = wheelFile == null ? null : wheelFile.replace("Tag: " + this.tag + "\n", "Tag: " + tag + "\n");
        this.tag = tag;
        return this;
    }

    public String filename() {
        return distribution.replace('-', '_') + "-" + version + "-" + tag + ".whl";
    }

    /** Writes the wheel into {@code dir} and returns its path. */
    public Path build(Path dir) throws IOException {
        List<Entry> all = new ArrayList<>(entries);
        if (wheelFile != null) {
            all.add(new Entry(distInfo() + "/WHEEL", wheelFile.getBytes(StandardCharsets.UTF_8), 0100644));
        }
        if (metadata != null) {
            all.add(new Entry(distInfo() + "/METADATA", metadata.getBytes(StandardCharsets.UTF_8), 0100644));
        }
        if (withRecord) {
            String recordText = record;
            if (recordText == null) {
                StringBuilder out = new StringBuilder();
                for (Entry e : all) {
                    if (unrecorded.contains(e.name())) {
                        continue;
                    }
                    byte[] described = recordedAs.getOrDefault(e.name(), e.content());
                    out.append(e.name()).append(",sha256=").append(recordHash(described)).append(',')
                            .append(recordedSizes.getOrDefault(e.name(), (long) described.length)).append('\n');
                }
                out.append(distInfo()).append("/RECORD,,\n");
                recordText = out.toString();
            }
            all.add(new Entry(distInfo() + "/RECORD", recordText.getBytes(StandardCharsets.UTF_8), 0100644));
        }
        Path wheel = dir.resolve(filename());
        Files.write(wheel, zip(all));
        return wheel;
    }

    static String recordHash(byte[] content) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(content));
    }

    public static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(digest(Files.readAllBytes(file)));
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A zip archive with deflated members, UTF-8 names and Unix modes in the external attributes. */
    static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Entry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(e.content());
            byte[] data = deflate(e.content());
            int offset = out.size();
            ByteBuffer local = le(30);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) 8)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue()).putInt(data.length)
                    .putInt(e.content().length).putShort((short) name.length).putShort((short) 0);
            out.writeBytes(local.array());
            out.writeBytes(name);
            out.writeBytes(data);
            ByteBuffer cen = le(46);
            cen.putInt(0x02014b50).putShort((short) (3 << 8 | 20)).putShort((short) 20).putShort((short) 0x0800)
                    .putShort((short) 8).putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue())
                    .putInt(data.length).putInt(e.content().length).putShort((short) name.length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putInt(e.mode() << 16).putInt(offset);
            central.writeBytes(cen.array());
            central.writeBytes(name);
        }
        int cenOffset = out.size();
        out.writeBytes(central.toByteArray());
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(central.size()).putInt(cenOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
