package io.smolsnake.pypackaging.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataTest {
    private static final int BIG = 200_000;

    @TempDir
    Path cache;

    @TempDir
    Path dir;

    private final TestServer server = new TestServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private IndexClient client() {
        return IndexClient.builder().cacheDir(cache).sleeper(d -> {})
                .retry(new RetryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO)).parallelism(3).build();
    }

    private static ProjectFile wheelFile(URI url, byte[] wheel, ProjectFile.CoreMetadata metadata) {
        return new ProjectFile(PageParser.filename(url), url, Map.of("sha256", MetadataReader.digest("sha256", wheel)),
                null, false, null, metadata, wheel.length);
    }

    @Test
    void readsThePep658MetadataFileAndChecksItsHash() {
        byte[] metadata = TestWheels.metadata("foo", "1.0").getBytes(StandardCharsets.UTF_8);
        server.file("/files/foo-1.0-py3-none-any.whl.metadata", metadata, false);
        ProjectFile file = new ProjectFile("foo-1.0-py3-none-any.whl", server.url("/files/foo-1.0-py3-none-any.whl"),
                Map.of(), null, false, null,
                ProjectFile.CoreMetadata.available(Map.of("sha256", MetadataReader.digest("sha256", metadata))), -1);

        RawMetadata result = client().metadata(file);

        assertEquals(RawMetadata.Origin.METADATA_FILE, result.origin());
        assertEquals(TestWheels.metadata("foo", "1.0"), result.text());
        assertEquals(List.of(), server.requests("/files/foo-1.0-py3-none-any.whl"));
    }

    @Test
    void rejectsAPep658FileWhoseHashDiffersNamingFileExpectedAndActual() {
        byte[] metadata = "Metadata-Version: 2.1\nName: foo\n".getBytes(StandardCharsets.UTF_8);
        server.file("/files/foo-1.0-py3-none-any.whl.metadata", metadata, false);
        String expected = "0".repeat(64);
        ProjectFile file = new ProjectFile("foo-1.0-py3-none-any.whl", server.url("/files/foo-1.0-py3-none-any.whl"),
                Map.of(), null, false, null, ProjectFile.CoreMetadata.available(Map.of("sha256", expected)), -1);

        HashMismatchException e = assertThrows(HashMismatchException.class, () -> client().metadata(file));

        assertEquals("hash mismatch for " + server.url("/files/foo-1.0-py3-none-any.whl.metadata") + ": expected sha256="
                + expected + ", got sha256=" + MetadataReader.digest("sha256", metadata), e.getMessage());
    }

    @Test
    void readsMetadataFromARemoteWheelWithRangeRequestsOnly() {
        byte[] wheel = TestWheels.wheel("foo", "1.0", BIG);
        server.file("/files/foo-1.0-py3-none-any.whl", wheel, true);
        ProjectFile file = wheelFile(server.url("/files/foo-1.0-py3-none-any.whl"), wheel, null);

        RawMetadata result = client().metadata(file);

        assertEquals(RawMetadata.Origin.WHEEL_RANGE, result.origin());
        assertEquals(TestWheels.metadata("foo", "1.0"), result.text());
        List<TestServer.Request> requests = server.requests("/files/foo-1.0-py3-none-any.whl");
        assertEquals(List.of(206, 206), requests.stream().map(TestServer.Request::status).toList());
        int sent = requests.stream().mapToInt(TestServer.Request::bytesSent).sum();
        assertTrue(sent < wheel.length / 2, "sent " + sent + " of " + wheel.length + " bytes");
    }

    @Test
    void downloadsTheWholeWheelOnlyWhenTheServerIgnoresRanges() {
        byte[] wheel = TestWheels.wheel("foo", "1.0", BIG);
        server.file("/files/foo-1.0-py3-none-any.whl", wheel, false);
        ProjectFile file = wheelFile(server.url("/files/foo-1.0-py3-none-any.whl"), wheel, null);

        RawMetadata result = client().metadata(file);

        assertEquals(RawMetadata.Origin.WHOLE_WHEEL, result.origin());
        assertEquals(TestWheels.metadata("foo", "1.0"), result.text());
        assertEquals(1, server.requests("/files/foo-1.0-py3-none-any.whl").size());
    }

    @Test
    void rejectsAWholeWheelDownloadWhoseHashDiffers() {
        byte[] wheel = TestWheels.wheel("foo", "1.0", 10);
        server.file("/files/foo-1.0-py3-none-any.whl", wheel, false);
        ProjectFile file = new ProjectFile("foo-1.0-py3-none-any.whl", server.url("/files/foo-1.0-py3-none-any.whl"),
                Map.of("sha256", "ab".repeat(32)), null, false, null, null, -1);

        HashMismatchException e = assertThrows(HashMismatchException.class, () -> client().metadata(file));

        assertEquals("ab".repeat(32), e.expected());
        assertEquals(MetadataReader.digest("sha256", wheel), e.actual());
    }

    @Test
    void readsALocalWheelByRandomAccess() throws IOException {
        byte[] wheel = TestWheels.wheel("foo-bar", "2.0", BIG);
        Path path = Files.write(dir.resolve("foo_bar-2.0-py3-none-any.whl"), wheel);

        RawMetadata result = client().metadata(ProjectFile.of(path.getFileName().toString(), path.toUri()));

        assertEquals(RawMetadata.Origin.WHEEL_RANGE, result.origin());
        assertEquals(TestWheels.metadata("foo-bar", "2.0"), result.text());
    }

    @Test
    void servesMetadataFromTheCacheByWheelHashTheSecondTime() throws IOException {
        byte[] wheel = TestWheels.wheel("foo", "1.0", 1000);
        server.file("/files/foo-1.0-py3-none-any.whl", wheel, true);
        ProjectFile file = wheelFile(server.url("/files/foo-1.0-py3-none-any.whl"), wheel, null);
        client().metadata(file);
        int before = server.requests("/files/foo-1.0-py3-none-any.whl").size();

        RawMetadata again = client().metadata(file);

        assertEquals(RawMetadata.Origin.CACHE, again.origin());
        assertEquals(TestWheels.metadata("foo", "1.0"), again.text());
        assertEquals(before, server.requests("/files/foo-1.0-py3-none-any.whl").size());
        try (var leftovers = Files.walk(cache)) {
            assertEquals(List.of(), leftovers.filter(p -> p.toString().endsWith(".tmp")).map(Path::toString).toList());
        }
    }

    @Test
    void fetchesManyFilesInParallelIntoAMapInTheGivenOrder() {
        List<ProjectFile> files = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            byte[] wheel = TestWheels.wheel("p" + i, "1." + i, 5000);
            String path = "/files/p" + i + "-1." + i + "-py3-none-any.whl";
            server.file(path, wheel, true);
            files.add(wheelFile(server.url(path), wheel, null));
        }

        Map<ProjectFile, RawMetadata> result = client().metadata(files);

        assertEquals(files, List.copyOf(result.keySet()));
        for (int i = 0; i < 7; i++) {
            assertEquals(TestWheels.metadata("p" + i, "1." + i), result.get(files.get(i)).text());
        }
    }

    @Test
    void reportsEveryFileThatFailedInAParallelFetch() {
        byte[] wheel = TestWheels.wheel("ok", "1.0", 100);
        server.file("/files/ok-1.0-py3-none-any.whl", wheel, true);
        List<ProjectFile> files = List.of(
                wheelFile(server.url("/files/ok-1.0-py3-none-any.whl"), wheel, null),
                ProjectFile.of("gone-1.0-py3-none-any.whl", server.url("/files/gone-1.0-py3-none-any.whl")),
                ProjectFile.of("gone-1.0.tar.gz", server.url("/files/gone-1.0.tar.gz")));

        IndexException e = assertThrows(IndexException.class, () -> client().metadata(files));

        assertEquals("""
                could not read metadata for 2 of 3 files:
                  cannot read metadata for gone-1.0-py3-none-any.whl from %s: HTTP 404 for %s
                  no metadata for gone-1.0.tar.gz: the index serves no .metadata file and an sdist's metadata needs a build"""
                .formatted(files.get(1).url(), files.get(1).url()), e.getMessage());
        assertEquals(2, e.getSuppressed().length);
    }

    @Test
    void rejectsAFileThatIsNotAZipNamingIt() throws IOException {
        Path path = Files.writeString(dir.resolve("bad-1.0-py3-none-any.whl"), "this is not a zip file at all, no");

        IndexException e = assertThrows(IndexException.class,
                () -> client().metadata(ProjectFile.of("bad-1.0-py3-none-any.whl", path.toUri())));

        assertEquals("cannot read METADATA from bad-1.0-py3-none-any.whl: no end-of-central-directory record: "
                + "not a zip file", e.getMessage());
    }

    @Test
    void rejectsAWheelWithoutDistInfoMetadata() throws IOException {
        Path path = dir.resolve("empty-1.0-py3-none-any.whl");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(path))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("empty/__init__.py"));
            zip.closeEntry();
        }

        IndexException e = assertThrows(IndexException.class,
                () -> client().metadata(ProjectFile.of("empty-1.0-py3-none-any.whl", path.toUri())));

        assertEquals("cannot read METADATA from empty-1.0-py3-none-any.whl: the wheel has no top-level "
                + "*.dist-info/METADATA", e.getMessage());
    }

    @Test
    void readsZip64WheelsWrittenByPython() throws Exception {
        Path path = dir.resolve("z64-1.0-py3-none-any.whl");
        Process p = new ProcessBuilder("python3", "-c", """
                import sys, zipfile
                with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                    with z.open("z64-1.0.dist-info/METADATA", "w", force_zip64=True) as f:
                        f.write(b"Metadata-Version: 2.1\\nName: z64\\nVersion: 1.0\\n")
                """, path.toString()).redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "python3 is needed to write a zip64 member");

        RawMetadata result = client().metadata(ProjectFile.of(path.getFileName().toString(), path.toUri()));

        assertEquals("Metadata-Version: 2.1\nName: z64\nVersion: 1.0\n", result.text());
    }
}
