package io.smolsnake.pypackaging.locker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileFactsTest {
    @TempDir
    Path tmp;

    private Path wheel(String content) throws Exception {
        Path file = tmp.resolve("demo-1.0-py3-none-any.whl");
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        return file;
    }

    @Test
    void remembersAFileAcrossRunsUntilItsSizeOrTimeChanges() throws Exception {
        Path cache = tmp.resolve("cache");
        Path file = wheel("first content");
        String first = new LocalFileFacts(cache).sha256(file);
        assertEquals(WheelFacts.sha256(file), first);

        // same size and time, other bytes: a later run trusts what it remembered (as make does)
        wheel("other content");
        assertEquals(first, new LocalFileFacts(cache).sha256(file));

        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_001_000L));
        String changed = new LocalFileFacts(cache).sha256(file);
        assertEquals(WheelFacts.sha256(file), changed);
        assertNotEquals(first, changed);
    }

    @Test
    void doesNotRememberAFileChangedTooRecentlyToTellAnotherChangeApart() throws Exception {
        Path cache = tmp.resolve("cache");
        Path file = tmp.resolve("fresh-1.0-py3-none-any.whl");
        Files.writeString(file, "first content");
        FileTime written = Files.getLastModifiedTime(file);
        String first = new LocalFileFacts(cache).sha256(file);

        Files.writeString(file, "other content"); // same size, and set back to the same time
        Files.setLastModifiedTime(file, written);

        assertNotEquals(first, new LocalFileFacts(cache).sha256(file));
        assertEquals(WheelFacts.sha256(file), new LocalFileFacts(cache).sha256(file));
    }

    @Test
    void readsTheFileAgainWhenTheEntryIsDamaged() throws Exception {
        Path cache = tmp.resolve("cache");
        Path file = wheel("content");
        new LocalFileFacts(cache).sha256(file);
        try (Stream<Path> entries = Files.list(cache.resolve("local-files"))) {
            for (Path e : entries.toList()) {
                Files.writeString(e, "smolsnake-local-file 2\n" + file + "\ngarbage\n");
            }
        }

        assertEquals(WheelFacts.sha256(file), new LocalFileFacts(cache).sha256(file));
    }

    @Test
    void remembersNothingOnDiskWithoutACache() throws Exception {
        Path file = wheel("content");

        assertEquals(WheelFacts.sha256(file), new LocalFileFacts(null).sha256(file));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("demo-1.0-py3-none-any.whl"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void remembersTheInstalledSizeUntilTheFileChanges() throws Exception {
        Path cache = tmp.resolve("cache");
        Path file = tmp.resolve("demo-1.0-py3-none-any.whl");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("demo/__init__.py"));
            zip.write(new byte[1234]);
            zip.closeEntry();
        }
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(file, time);
        assertEquals(1234, new LocalFileFacts(cache).installedSize(file));

        // not a zip any more, same size and time: a later run does not open it
        Files.write(file, new byte[(int) Files.size(file)]);
        Files.setLastModifiedTime(file, time);
        assertEquals(1234, new LocalFileFacts(cache).installedSize(file));

        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_001_000L));
        assertEquals(-1, new LocalFileFacts(cache).installedSize(file));
    }
}
