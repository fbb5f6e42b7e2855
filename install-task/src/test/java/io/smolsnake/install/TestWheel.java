package io.smolsnake.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real small wheels for tests: the named files plus WHEEL, METADATA and a correct RECORD. */
final class TestWheel {
    private final String name;
    private final String version;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private TestWheel(String name, String version) {
        this.name = name;
        this.version = version;
    }

    static TestWheel wheel(String name, String version) {
        return new TestWheel(name, version);
    }

    /** A file at {@code path} inside the archive, written as given (even {@code ../escape.py}). */
    TestWheel file(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    String filename() {
        return name.replace('-', '_') + "-" + version + "-py3-none-any.whl";
    }

    byte[] bytes() throws IOException {
        String distInfo = name.replace('-', '_') + "-" + version + ".dist-info";
        Map<String, byte[]> all = new LinkedHashMap<>(files);
        all.put(distInfo + "/WHEEL", ("Wheel-Version: 1.0\nGenerator: TestWheel\nRoot-Is-Purelib: true\n"
                + "Tag: py3-none-any\n").getBytes(StandardCharsets.UTF_8));
        all.put(distInfo + "/METADATA", ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version
                + "\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        all.forEach((path, content) -> record.append(path).append(",sha256=")
                .append(Base64.getUrlEncoder().withoutPadding().encodeToString(digest(content))).append(',')
                .append(content.length).append('\n'));
        record.append(distInfo).append("/RECORD,,\n");
        all.put(distInfo + "/RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest(content));
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
