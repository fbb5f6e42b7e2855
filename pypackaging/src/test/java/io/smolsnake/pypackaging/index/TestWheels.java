package io.smolsnake.pypackaging.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small real wheels: a zip with a dist-info, and optionally a large incompressible payload after it. */
final class TestWheels {
    private TestWheels() {}

    static String metadata(String name, String version) {
        return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\nRequires-Dist: six>=1.0\n";
    }

    /** A wheel whose METADATA comes first, followed by {@code payloadBytes} of random data. */
    static byte[] wheel(String name, String version, int payloadBytes) {
        String dist = name.replace('-', '_') + "-" + version;
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, dist + ".dist-info/METADATA", metadata(name, version).getBytes(StandardCharsets.UTF_8));
            put(zip, dist + ".dist-info/WHEEL",
                    "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                            .getBytes(StandardCharsets.UTF_8));
            byte[] payload = new byte[payloadBytes];
            new Random(42).nextBytes(payload);
            put(zip, name.replace('-', '_') + "/data.bin", payload);
            put(zip, dist + ".dist-info/RECORD", new byte[0]);
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }
}
