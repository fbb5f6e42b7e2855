package io.smolsnake.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.core.stage.LockRequest;
import io.smolsnake.core.stage.LockResult;
import io.smolsnake.core.stage.S3Location;
import io.smolsnake.core.store.Store;
import io.smolsnake.core.store.StoreRequest;
import io.smolsnake.embedded.s3.S3Service;
import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.wheel.WheelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The Lock stage against a real (embedded) S3, a find-links directory of real wheels and a real store. */
class LockServiceTest {
    @TempDir
    Path tmp;

    private S3Service s3Service;
    private S3Client s3;
    private Path wheels;
    private Path storeRoot;
    private LockService service;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        s3Service = S3Service.start();
        s3 = S3Client.builder().endpointOverride(s3Service.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        s3.createBucket(b -> b.bucket("artifacts"));
        wheels = Files.createDirectories(tmp.resolve("wheels"));
        storeRoot = Files.createDirectories(tmp.resolve("efs"));
        WheelBuilder.wheel("greeter", "1.2").metadata("Metadata-Version: 2.1\nName: greeter\nVersion: 1.2\n"
                + "Requires-Dist: colours>=2\n").file("greeter/__init__.py", "").build(wheels);
        WheelBuilder.wheel("colours", "2.0").metadata("Metadata-Version: 2.1\nName: colours\nVersion: 2.0\n")
                .file("colours/__init__.py", "").build(wheels);
        PipConfig pip = PipConfig.load(Map.of("PIP_CONFIG_FILE", "/dev/null", "PIP_NO_INDEX", "1",
                "PIP_FIND_LINKS", wheels.toString()), tmp.resolve("home"));
        service = new LockService(s3, tmp.resolve("work"), pip);
    }

    @AfterEach
    void stop() {
        s3.close();
        s3Service.close();
    }

    private S3Location bundle(Map<String, String> files) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        s3.putObject(b -> b.bucket("artifacts").key("bundles/demo.zip"), RequestBody.fromBytes(zip.toByteArray()));
        return new S3Location("artifacts", "bundles/demo.zip");
    }

    private LockRequest request(S3Location bundle) {
        return new LockRequest(bundle, "python3.12", "x86_64", storeRoot.toString(),
                new S3Location("artifacts", "runs"));
    }

    @Test
    void locksTheBundleAndPlansOnlyTheWheelsTheStoreLacks() throws IOException {
        Target target = Target.parse("python3.12", "x86_64");
        Path colours = wheels.resolve("colours-2.0-py3-none-any.whl");
        Store.open(storeRoot).install(new StoreRequest(target, "colours", "2.0", colours,
                WheelBuilder.sha256(colours), Files.size(colours), false));
        S3Location bundle = bundle(Map.of("requirements.txt", "greeter\n", "handler.py", "def h(e, c): pass\n"));

        LockResult result = service.lock(request(bundle), log::add);

        assertEquals(2, result.packages());
        assertEquals(1, result.cached());
        assertEquals(List.of("greeter"), result.install().stream().map(i -> i.name()).toList());
        assertEquals(WheelBuilder.sha256(wheels.resolve("greeter-1.2-py3-none-any.whl")),
                result.install().get(0).sha256());
        assertEquals(2, result.entries().size());
        assertEquals("runs/locks/" + result.digest() + "/pylock.toml", result.lock().key());
        String lock = s3.getObjectAsBytes(b -> b.bucket("artifacts").key(result.lock().key())).asUtf8String();
        assertEquals(result.digest(), io.smolsnake.pypackaging.lock.Lock.parse(lock, "s3").digest());
        assertTrue(result.environment().endsWith("envs/python3.12-x86_64/" + result.digest()), result.environment());
        assertFalse(result.environmentReady());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Locked 2 packages for python3.12")), log.toString());
    }

    @Test
    void failsWithLockUnsatisfiableNamingTheConflict() throws IOException {
        S3Location bundle = bundle(Map.of("requirements.txt", "greeter\ncolours<2\n"));

        Lock.Unsatisfiable e = assertThrows(Lock.Unsatisfiable.class, () -> service.lock(request(bundle), log::add));

        assertEquals("Lock.Unsatisfiable", e.errorType());
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().contains("greeter") && e.getMessage().contains("colours"), e.getMessage());
    }

    @Test
    void failsWithLockInvalidInputForAMissingBundle() {
        S3Location missing = new S3Location("artifacts", "bundles/nothing.zip");

        Lock.InvalidInput e = assertThrows(Lock.InvalidInput.class, () -> service.lock(request(missing), log::add));

        assertEquals("The project bundle s3://artifacts/bundles/nothing.zip does not exist; upload it first"
                + " (smolsnake deploy does).", e.getMessage());
    }

    @Test
    void refusesABundleEntryThatLeavesTheProject() throws IOException {
        S3Location bundle = bundle(Map.of("../evil.txt", "x", "requirements.txt", "greeter\n"));

        Lock.InvalidInput e = assertThrows(Lock.InvalidInput.class, () -> service.lock(request(bundle), log::add));

        assertTrue(e.getMessage().contains("has an entry outside the project: ../evil.txt"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("work").resolve("evil.txt")));
    }

    @Test
    void theHandlerTakesAndGivesPlainJsonMaps() throws IOException {
        S3Location bundle = bundle(Map.of("requirements.txt", "colours\n"));
        Map<String, Object> input = Map.of("bundle", Map.of("bucket", bundle.bucket(), "key", bundle.key()),
                "runtime", "python3.12", "arch", "x86_64", "storeRoot", storeRoot.toString(),
                "artifacts", Map.of("bucket", "artifacts", "key", "runs/"));

        Map<String, Object> output = new LockHandler(service).handleRequest(input, null);

        assertEquals(1, output.get("packages"));
        assertEquals(64, ((String) output.get("digest")).length());
        assertEquals("colours", ((Map<?, ?>) ((List<?>) output.get("install")).get(0)).get("name"));
    }
}
