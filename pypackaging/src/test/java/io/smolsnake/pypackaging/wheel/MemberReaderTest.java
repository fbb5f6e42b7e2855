package io.smolsnake.pypackaging.wheel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading members through {@link MemberReader}, inflated by libdeflate (where the build made the
 * library) and by the JDK's Inflater: the same bytes either way, and a clear error naming the member
 * for every way an archive can lie about one. The archives are written byte by byte here, so that
 * each field can be made wrong on purpose.
 */
class MemberReaderTest {
    @TempDir
    Path dir;

    @Test
    void theNativeInflaterLoadsWhereverTheBuildMadeIt() {
        String platform = "linux-" + (System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"));
        boolean built = MemberReaderTest.class.getResource("/native/" + platform + "/" + NativeLibrary.NAME) != null;
        if (built && System.getenv("SMOLSNAKE_NO_NATIVE") == null) {
            assertTrue(NativeInflate.available(), NativeLibrary.status());
        } else {
            assertTrue(!NativeInflate.available(), NativeLibrary.status());
        }
    }

    @ParameterizedTest(name = "native inflate: {0}")
    @ValueSource(booleans = {true, false})
    void membersReadBackAsWrittenWhateverTheirSizeAndMethod(boolean nativeInflate) throws IOException {
        Random random = new Random(7);
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.deflated("empty.txt", new byte[0]));
        entries.add(Entry.stored("stored.bin", bytes(random, 70_000)));
        entries.add(Entry.deflated("small.py", text(random, 3_000)));
        entries.add(Entry.deflated("chunks.json", text(random, 1_500_000))); // more than one 256 KiB chunk
        entries.add(Entry.stored("big-stored.bin", bytes(random, 1_300_000))); // stored, read in chunks
        entries.add(Entry.deflated("random.so", bytes(random, 600_000))); // does not compress
        entries.add(Entry.deflated("huge.dat", new byte[MemberReader.WHOLE_LIMIT + 5])); // streamed even natively
        Path zip = RawZip.write(dir.resolve("a.zip"), entries);
        try (FileChannel channel = FileChannel.open(zip)) {
            MemberReader reader = new MemberReader(channel, "a.zip", nativeInflate);
            List<CentralDirectory.Member> members = CentralDirectory.read(channel);
            for (int i = 0; i < entries.size(); i++) {
                assertArrayEquals(entries.get(i).content(), read(reader, members.get(i)), entries.get(i).name());
            }
            // and again, the reader's buffers reused
            assertArrayEquals(entries.get(2).content(), read(reader, members.get(2)));
        }
    }

    @ParameterizedTest(name = "native inflate: {0}")
    @ValueSource(booleans = {true, false})
    void severalThreadsReadOneArchiveAtOnce(boolean nativeInflate) throws Exception {
        Random random = new Random(11);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            entries.add(i % 5 == 0 ? Entry.stored("m" + i, bytes(random, 1000 + i * 997))
                    : Entry.deflated("m" + i, text(random, 1000 + i * 7919)));
        }
        Path zip = RawZip.write(dir.resolve("b.zip"), entries);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (FileChannel channel = FileChannel.open(zip)) {
            MemberReader reader = new MemberReader(channel, "b.zip", nativeInflate);
            List<CentralDirectory.Member> members = CentralDirectory.read(channel);
            List<Future<byte[]>> reads = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (CentralDirectory.Member member : members) {
                    reads.add(pool.submit(() -> read(reader, member)));
                }
            }
            for (int i = 0; i < reads.size(); i++) {
                assertArrayEquals(entries.get(i % entries.size()).content(), reads.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void largeMembersOpenAtOnceBeyondTheLargeBuffersAreStreamedInstead() throws IOException {
        Random random = new Random(17);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < MemberReader.LARGE_SETS + 2; i++) {
            entries.add(Entry.deflated("large" + i + ".so", text(random, MemberReader.SMALL_MEMBER + 1000 * i)));
        }
        Path zip = RawZip.write(dir.resolve("large.zip"), entries);
        try (FileChannel channel = FileChannel.open(zip)) {
            MemberReader reader = new MemberReader(channel, "large.zip", true);
            List<CentralDirectory.Member> members = CentralDirectory.read(channel);
            List<InputStream> open = new ArrayList<>();
            try {
                for (CentralDirectory.Member member : members) {
                    open.add(reader.open(member));
                }
                for (int i = 0; i < open.size(); i++) {
                    assertArrayEquals(entries.get(i).content(), open.get(i).readAllBytes(), entries.get(i).name());
                }
            } finally {
                for (InputStream in : open) {
                    in.close();
                }
            }
            // the large sets came back: the next large member is whole again, and right
            assertArrayEquals(entries.get(0).content(), read(reader, members.get(0)));
        }
    }

    @ParameterizedTest(name = "native inflate: {0}")
    @ValueSource(booleans = {true, false})
    void aMemberThatInflatesToAnotherSizeThanItsRecordSaysIsRefused(boolean nativeInflate) throws IOException {
        byte[] content = "print('hello')\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Path longer = RawZip.write(dir.resolve("longer.zip"), List.of(Entry.deflated("x.py", content).withSize(content.length - 1)));
        assertEquals("entry x.py inflates to more than the " + (content.length - 1)
                + " bytes its central directory record says", failure(longer, nativeInflate).getMessage());
        Path shorter = RawZip.write(dir.resolve("shorter.zip"), List.of(Entry.deflated("x.py", content).withSize(content.length + 9)));
        assertEquals("entry x.py inflates to " + content.length + " bytes, but its central directory record says "
                + (content.length + 9), failure(shorter, nativeInflate).getMessage());
    }

    @ParameterizedTest(name = "native inflate: {0}")
    @ValueSource(booleans = {true, false})
    void corruptCompressedDataIsRefusedNamingTheMember(boolean nativeInflate) throws IOException {
        Entry entry = Entry.deflated("pkg/data.json", text(new Random(3), 20_000));
        byte[] bad = entry.compressed().clone();
        for (int i = 0; i < bad.length; i += 7) {
            bad[i] ^= (byte) 0x5a;
        }
        Path zip = RawZip.write(dir.resolve("corrupt.zip"), List.of(entry.withCompressed(bad)));
        ZipException e = failure(zip, nativeInflate);
        assertTrue(e.getMessage().startsWith("entry pkg/data.json"), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("inflates to"), e.getMessage());
    }

    @ParameterizedTest(name = "native inflate: {0}")
    @ValueSource(booleans = {true, false})
    void compressedDataThatEndsEarlyIsRefused(boolean nativeInflate) throws IOException {
        Entry entry = Entry.deflated("big.txt", text(new Random(5), 2_000_000));
        byte[] cut = java.util.Arrays.copyOf(entry.compressed(), entry.compressed().length / 2);
        Path zip = RawZip.write(dir.resolve("cut.zip"), List.of(entry.withCompressed(cut)));
        ZipException e = failure(zip, nativeInflate);
        assertTrue(e.getMessage().startsWith("entry big.txt"), e.getMessage());
    }

    @Test
    void aLocalHeaderWhereTheCentralDirectoryDoesNotPointIsRefused() throws IOException {
        Path zip = RawZip.write(dir.resolve("moved.zip"), List.of(Entry.stored("a", new byte[10]).withLocalHeaderShift(3)));
        assertEquals("entry a has no local header where the central directory says (offset 3)",
                failure(zip, true).getMessage());
    }

    @Test
    void anotherCompressionMethodIsRefused() throws IOException {
        Path zip = RawZip.write(dir.resolve("bzip2.zip"), List.of(Entry.stored("a.py", new byte[10]).withMethod(12)));
        assertEquals("entry a.py is compressed with method 12; a wheel's members are stored or deflated",
                failure(zip, true).getMessage());
    }

    @Test
    void aLongLocalExtraFieldIsSkipped() throws IOException {
        byte[] content = text(new Random(9), 5_000);
        Path zip = RawZip.write(dir.resolve("extra.zip"), List.of(Entry.deflated("a.txt", content).withLocalExtra(4000),
                Entry.stored("b.txt", content).withLocalExtra(900)));
        try (FileChannel channel = FileChannel.open(zip)) {
            MemberReader reader = new MemberReader(channel, "extra.zip", true);
            List<CentralDirectory.Member> members = CentralDirectory.read(channel);
            assertArrayEquals(content, read(reader, members.get(0)));
            assertArrayEquals(content, read(reader, members.get(1)));
        }
    }

    @Test
    void zip64SizesAndOffsetsAreReadFromTheExtraField() throws IOException {
        byte[] content = text(new Random(13), 4_000);
        Path zip = RawZip.write(dir.resolve("z64.zip"), List.of(Entry.stored("first", new byte[5]),
                Entry.deflated("second.txt", content).withZip64()));
        try (FileChannel channel = FileChannel.open(zip)) {
            MemberReader reader = new MemberReader(channel, "z64.zip", true);
            CentralDirectory.Member second = CentralDirectory.read(channel).get(1);
            assertEquals(content.length, second.size());
            assertTrue(second.localHeader() > 0);
            assertArrayEquals(content, read(reader, second));
        }
    }

    @Test
    void namesAreUtf8AndOnlyUtf8() throws IOException {
        Path zip = RawZip.write(dir.resolve("names.zip"), List.of(Entry.stored("données/é.txt", new byte[3]),
                Entry.stored("plain.txt", new byte[1])));
        try (FileChannel channel = FileChannel.open(zip)) {
            assertEquals(List.of("données/é.txt", "plain.txt"),
                    CentralDirectory.read(channel).stream().map(CentralDirectory.Member::name).toList());
        }
        byte[] bytes = Files.readAllBytes(zip);
        for (int i = 0; i + 1 < bytes.length; i++) { // é (C3 A9) becomes C3 28: not UTF-8
            if (bytes[i] == (byte) 0xC3 && bytes[i + 1] == (byte) 0xA9) {
                bytes[i + 1] = 0x28;
            }
        }
        Files.write(zip, bytes);
        try (FileChannel channel = FileChannel.open(zip)) {
            IOException e = assertThrows(IOException.class, () -> CentralDirectory.read(channel));
            assertEquals("entry 0 has a name that is not UTF-8", e.getMessage());
        }
    }

    @Test
    void aMemberWhoseDataRunsPastTheArchiveIsRefusedWhenTheDirectoryIsRead() throws IOException {
        Path zip = RawZip.write(dir.resolve("past.zip"), List.of(Entry.stored("a", new byte[10]).withCompressedSizeOverride(1 << 20)));
        try (FileChannel channel = FileChannel.open(zip)) {
            IOException e = assertThrows(IOException.class, () -> CentralDirectory.read(channel));
            assertEquals("entry a lies outside the archive's data", e.getMessage());
        }
    }

    private ZipException failure(Path zip, boolean nativeInflate) throws IOException {
        try (FileChannel channel = FileChannel.open(zip)) {
            MemberReader reader = new MemberReader(channel, zip.getFileName().toString(), nativeInflate);
            CentralDirectory.Member member = CentralDirectory.read(channel).get(0);
            return assertThrows(ZipException.class, () -> read(reader, member));
        }
    }

    private static byte[] read(MemberReader reader, CentralDirectory.Member member) throws IOException {
        try (InputStream in = reader.open(member)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8191];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Compressible text: words from a small vocabulary. */
    private static byte[] text(Random random, int n) {
        String[] words = {"import", "numpy", "def", "return", "self", "class", "{", "}", "\"key\":", "42,", "\n"};
        StringBuilder s = new StringBuilder(n + 16);
        while (s.length() < n) {
            s.append(words[random.nextInt(words.length)]).append(' ');
        }
        return s.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }

    /** One member as it goes into the archive, with the fields a test may make wrong. */
    record Entry(String name, byte[] content, int method, byte[] compressed, long size, long compressedSizeOverride,
            int localExtra, int localHeaderShift, boolean zip64) {
        static Entry stored(String name, byte[] content) {
            return new Entry(name, content, 0, content, content.length, -1, 0, 0, false);
        }

        static Entry deflated(String name, byte[] content) {
            Deflater deflater = new Deflater(6, true);
            deflater.setInput(content);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            return new Entry(name, content, 8, out.toByteArray(), content.length, -1, 0, 0, false);
        }

        Entry withSize(long s) {
            return new Entry(name, content, method, compressed, s, compressedSizeOverride, localExtra, localHeaderShift, zip64);
        }

        Entry withCompressed(byte[] c) {
            return new Entry(name, content, method, c, size, compressedSizeOverride, localExtra, localHeaderShift, zip64);
        }

        Entry withMethod(int m) {
            return new Entry(name, content, m, compressed, size, compressedSizeOverride, localExtra, localHeaderShift, zip64);
        }

        Entry withLocalExtra(int n) {
            return new Entry(name, content, method, compressed, size, compressedSizeOverride, n, localHeaderShift, zip64);
        }

        Entry withLocalHeaderShift(int n) {
            return new Entry(name, content, method, compressed, size, compressedSizeOverride, localExtra, n, zip64);
        }

        Entry withCompressedSizeOverride(long n) {
            return new Entry(name, content, method, compressed, size, n, localExtra, localHeaderShift, zip64);
        }

        Entry withZip64() {
            return new Entry(name, content, method, compressed, size, compressedSizeOverride, localExtra, localHeaderShift, true);
        }
    }

    /** Writes a zip archive field by field (local headers, data, central directory, end record). */
    static final class RawZip {
        static Path write(Path path, List<Entry> entries) throws IOException {
            ByteBuffer out = ByteBuffer.allocate(entries.stream().mapToInt(e -> e.compressed().length + 8192).sum() + 65536)
                    .order(ByteOrder.LITTLE_ENDIAN);
            List<Long> offsets = new ArrayList<>();
            for (Entry e : entries) {
                offsets.add((long) out.position());
                byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
                out.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) e.method())
                        .putInt(0).putInt(0).putInt(e.compressed().length).putInt((int) e.size())
                        .putShort((short) name.length).putShort((short) e.localExtra()).put(name);
                for (int i = 0; i < e.localExtra(); i += 4) { // unknown extra blocks, as tools leave them
                    int len = Math.min(4, e.localExtra() - i);
                    if (len == 4) {
                        out.putShort((short) 0xcafe).putShort((short) 0);
                    } else {
                        out.put(new byte[len]);
                    }
                }
                out.put(e.compressed());
            }
            int cenStart = out.position();
            for (int k = 0; k < entries.size(); k++) {
                Entry e = entries.get(k);
                byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
                long csize = e.compressedSizeOverride() >= 0 ? e.compressedSizeOverride() : e.compressed().length;
                long offset = offsets.get(k) + e.localHeaderShift();
                int extra = e.zip64() ? 4 + 24 : 0;
                out.putInt(0x02014b50).putShort((short) 0x031e).putShort((short) 20).putShort((short) 0x0800)
                        .putShort((short) e.method()).putInt(0).putInt(0)
                        .putInt(e.zip64() ? -1 : (int) csize).putInt(e.zip64() ? -1 : (int) e.size())
                        .putShort((short) name.length).putShort((short) extra).putShort((short) 0)
                        .putShort((short) 0).putShort((short) 0).putInt(0100644 << 16)
                        .putInt(e.zip64() ? -1 : (int) offset).put(name);
                if (e.zip64()) {
                    out.putShort((short) 1).putShort((short) 24).putLong(e.size()).putLong(csize).putLong(offset);
                }
            }
            int cenSize = out.position() - cenStart;
            out.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                    .putShort((short) entries.size()).putInt(cenSize).putInt(cenStart).putShort((short) 0);
            Files.write(path, java.util.Arrays.copyOf(out.array(), out.position()));
            return path;
        }
    }
}
