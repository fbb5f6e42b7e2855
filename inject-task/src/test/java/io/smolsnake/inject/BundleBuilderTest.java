package io.smolsnake.inject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smolsnake.core.stage.StageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleBuilderTest {
    @TempDir
    Path dir;

    private static byte[] zip(Map<String, String> files, long time) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(time);
                zip.putNextEntry(entry);
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void sameSourceInAnyOrderAndAtAnyTimeGivesTheSameBytes() throws IOException {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("app.py", "def handler(e, c): return e\n");
        forward.put("lib/util.py", "X = 1\n");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("lib/util.py", "X = 1\n");
        backward.put("app.py", "def handler(e, c): return e\n");

        byte[] one = BundleBuilder.build("s3://b/k", zip(forward, 1_000_000_000_000L));
        byte[] two = BundleBuilder.build("s3://b/k", zip(backward, 1_700_000_000_000L));

        assertArrayEquals(one, two);
    }

    @Test
    void pythonSeesTheSourceTheBootstrapAndAnExecutableWrapper() throws Exception {
        byte[] bundle = BundleBuilder.build("s3://b/k", zip(Map.of("app.py", "x = 1\n", "run.sh", "#!/bin/sh\n"), 0));
        Path file = Files.write(dir.resolve("bundle.zip"), bundle);

        Process p = new ProcessBuilder("python3", "-c", """
                import sys, zipfile
                z = zipfile.ZipFile(sys.argv[1])
                assert z.testzip() is None
                for i in z.infolist():
                    print(i.filename, oct(i.external_attr >> 16), i.date_time[0])
                """, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);

        assertEquals(List.of("app.py 0o100644 1980", "run.sh 0o100755 1980", "smolsnake_bootstrap.py 0o100644 1980",
                "smolsnake_wrapper.sh 0o100755 1980"), out.lines().toList());
    }

    @Test
    void refusesASourceEntryOutsideTheTaskRoot() throws IOException {
        byte[] evil = zip(Map.of("../../etc/passwd", "x"), 0);

        StageException e = assertThrows(StageException.class, () -> BundleBuilder.build("s3://b/src.zip", evil));

        assertEquals("Inject.BadBundle", e.errorType());
        assertEquals("the project bundle s3://b/src.zip has an entry outside the task root: ../../etc/passwd", e.getMessage());
    }

    @Test
    void refusesASourceThatIsNotAZip() {
        StageException e = assertThrows(StageException.class,
                () -> BundleBuilder.build("s3://b/src.zip", "not a zip".getBytes(StandardCharsets.UTF_8)));
        assertEquals("Inject.BadBundle", e.errorType());
    }
}
