package io.smolsnake.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smolsnake.core.stage.InstallResult;
import io.smolsnake.core.store.Environments;
import io.smolsnake.core.store.Store;
import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.Target;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class InstallServiceTest {
    static final Target PY312 = LambdaTarget.of("python3.12", "x86_64");
    static final Path MIRROR = Path.of("/opt/pypi/files");

    @TempDir
    Path tmp;

    InstallService service(Path root, S3Client s3) {
        Store store = Store.open(root);
        return new InstallService(store, Environments.open(store), new Downloader(tmp.resolve("downloads"),
                () -> s3, new Downloader.Backoff(2, Duration.ofMillis(10), Duration.ofMillis(10))));
    }

    static InstallRequest request(Target target, String name, String url, String filename, byte[] bytes) {
        return new InstallRequest(target, name, "1.0", url, filename, (long) bytes.length, TestWheel.sha256(bytes),
                false);
    }

    @Test
    void aRealWheelFromTheMirrorIsInstalledInPlaceFromItsFileUrlAndCompiled() throws Exception {
        Optional<Path> six;
        try (Stream<Path> files = Files.isDirectory(MIRROR) ? Files.list(MIRROR) : Stream.empty()) {
            six = files.filter(p -> p.getFileName().toString().matches("six-1\\.17\\.0-.*\\.whl")).findFirst();
        }
        assumeTrue(six.isPresent(), "six 1.17.0 is not in " + MIRROR);
        byte[] bytes = Files.readAllBytes(six.get());
        Target host = Target.host();

        InstallResult result = service(tmp.resolve("efs"), null).install(new InstallRequest(host, "six", "1.17.0",
                six.get().toUri().toString(), six.get().getFileName().toString(), (long) bytes.length,
                TestWheel.sha256(bytes), true));

        assertEquals("six", result.name());
        assertTrue(result.compiled());
        assertTrue(Files.isRegularFile(Path.of(result.path(), "six.py")));
        try (Stream<Path> pyc = Files.walk(Path.of(result.path()))) {
            assertTrue(pyc.anyMatch(p -> p.getFileName().toString().startsWith("six.cpython-")));
        }
        assertTrue(Files.exists(six.get()), "a file: URL is installed in place, never deleted");
    }

    @Test
    void aSecondInstallOfTheSameWheelIsCachedWithoutDownloading() throws Exception {
        TestWheel wheel = TestWheel.wheel("demo", "1.0").file("demo.py", "");
        byte[] bytes = wheel.bytes();
        try (FileServer files = new FileServer()) {
            InstallService service = service(tmp.resolve("efs"), null);
            InstallRequest request = request(PY312, "demo", files.serve(wheel.filename(), bytes), wheel.filename(),
                    bytes);

            InstallResult first = service.install(request);
            InstallResult second = service.install(request);

            assertFalse(first.cached());
            assertTrue(second.cached());
            assertEquals(first.path(), second.path());
            assertEquals(first.files(), second.files());
            assertEquals(1, files.requests(wheel.filename()));
        }
    }

    @Test
    void s3UrlsAreFetchedWithTheS3Client() throws Exception {
        // given: an S3-compatible endpoint serving the object path-style (GET /bucket/key)
        TestWheel wheel = TestWheel.wheel("demo", "1.0").file("demo.py", "");
        byte[] bytes = wheel.bytes();
        try (FileServer files = new FileServer()) {
            files.serve("wheels/cache/" + wheel.filename(), bytes);
            S3Client s3 = S3Client.builder().endpointOverride(java.net.URI.create(files.url("").replaceAll("/$", "")))
                    .forcePathStyle(true).region(Region.US_EAST_1).credentialsProvider(Sqs.CREDENTIALS)
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build();

            // when
            InstallResult result = service(tmp.resolve("efs"), s3).install(request(PY312, "demo",
                    "s3://wheels/cache/" + wheel.filename(), wheel.filename(), bytes));

            // then
            assertTrue(Files.isRegularFile(Path.of(result.path(), "demo.py")));
            assertEquals(1, files.requests("wheels/cache/" + wheel.filename()));
        }
    }

    @Test
    void anUnsupportedSchemeIsRefused() throws Exception {
        byte[] bytes = TestWheel.wheel("demo", "1.0").bytes();
        InstallException e = assertThrows(InstallException.class, () -> service(tmp.resolve("efs"), null).install(
                request(PY312, "demo", "ftp://example.com/demo-1.0-py3-none-any.whl", "demo-1.0-py3-none-any.whl",
                        bytes)));

        assertEquals(InstallError.UNSUPPORTED, e.error());
        assertEquals("demo-1.0-py3-none-any.whl: cannot download 'ftp://example.com/demo-1.0-py3-none-any.whl':"
                + " the worker fetches https, http, file and s3 URLs", e.getMessage());
    }

    @Test
    void aFullFileSystemIsNoSpace() throws Exception {
        // given: a store on a 1 MiB tmpfs, a wheel of 2 MiB that does not compress
        Path small = Files.createDirectories(tmp.resolve("small"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString()) == 0,
                "cannot mount a 1 MiB tmpfs here (needs root), so a full disk cannot be made");
        try {
            byte[] noise = new byte[2 << 20];
            new Random(7).nextBytes(noise);
            TestWheel wheel = TestWheel.wheel("big", "1.0").file("big/blob.txt", HexFormat.of().formatHex(noise));
            byte[] bytes = wheel.bytes();
            Path file = Files.write(tmp.resolve(wheel.filename()), bytes);

            // when
            InstallException e = assertThrows(InstallException.class, () -> service(small, null).install(
                    request(PY312, "big", file.toUri().toString(), wheel.filename(), bytes)));

            // then
            assertEquals(InstallError.NO_SPACE, e.error());
            assertEquals("Install.NoSpace", e.error().errorName());
            assertTrue(e.getMessage().startsWith("big-1.0-py3-none-any.whl: the destination's file system is full"),
                    e.getMessage());
        } finally {
            run("umount", small.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
