package io.smolsnake.embedded.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.core.stage.InjectRequest;
import io.smolsnake.core.stage.InjectResult;
import io.smolsnake.core.stage.StageException;
import io.smolsnake.core.stage.StageLog;
import io.smolsnake.core.stage.VerifyRequest;
import io.smolsnake.core.stage.VerifyResult;
import io.smolsnake.inject.Bundles;
import io.smolsnake.inject.Injector;
import io.smolsnake.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** The Inject and Verify stages against the embedded endpoint, with the real bootstrap and an environment on the "EFS". */
class InjectVerifyTest {
    private static final String ACCESS_POINT = "arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/fsap-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final Map<String, byte[]> s3 = new ConcurrentHashMap<>();
    private final Bundles bundles = new Bundles() {
        @Override
        public byte[] get(String bucket, String key) {
            return s3.get(bucket + "/" + key);
        }

        @Override
        public void put(String bucket, String key, byte[] bytes) {
            s3.put(bucket + "/" + key, bytes);
        }
    };
    private final List<String> logs = new ArrayList<>();
    private final StageLog log = new StageLog("test", "req-1", true, logs::add);
    private LambdaService service;
    private LambdaClient lambda;

    @BeforeEach
    void start() throws IOException {
        Path site = dir.resolve("efs/envs/python3.11-x86_64/abc/site-packages");
        pkg(site, "tinypkg", "tinypkg/__init__.py", "ANSWER = 42\n");
        pkg(dir.resolve("efs/envs/python3.11-x86_64/bad/site-packages"), "needsnative", "needsnative.py",
                "raise ImportError('libfoo.so: cannot open shared object file')\n");
        service = LambdaService.start(LambdaSettings.defaults(dir.resolve("work"))
                .withFileSystems(Map.of(ACCESS_POINT, dir.resolve("efs")))
                .withS3((bucket, key) -> Optional.ofNullable(s3.get(bucket + "/" + key))));
        lambda = LambdaClient.builder().endpointOverride(service.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        s3.put("deploy/src.zip", LambdaServiceTest.zip(Map.of("app.py", """
                import tinypkg
                def handler(event, context):
                    return {"answer": tinypkg.ANSWER, "user": event.get("user")}
                """)));
    }

    @AfterEach
    void stop() {
        lambda.close();
        service.close();
    }

    private static void pkg(Path site, String name, String file, String code) throws IOException {
        Files.createDirectories(site.resolve(file).getParent());
        Files.writeString(site.resolve(file), code);
        Files.createDirectories(site.resolve(name + "-1.0.dist-info"));
        Files.writeString(site.resolve(name + "-1.0.dist-info/RECORD"), file + ",,\n");
    }

    private void createFunction(String name, boolean vpc) {
        lambda.createFunction(b -> {
            b.functionName(name).runtime(Runtime.PYTHON3_11).handler("app.handler").role("arn:aws:iam::000000000000:role/r")
                    .environment(e -> e.variables(Map.of("USER_SETTING", "kept")))
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(s3.get("deploy/src.zip"))));
            if (vpc) {
                b.vpcConfig(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1"));
            }
        });
    }

    private InjectRequest inject(String function, String env) {
        return new InjectRequest(function, new InjectRequest.S3Location("deploy", "src.zip"),
                "/mnt/smolsnake/envs/python3.11-x86_64/" + env, "app.handler", false,
                new InjectRequest.FileSystem(ACCESS_POINT, "/mnt/smolsnake"));
    }

    @Test
    void injectsPublishesVerifiesAndMovesTheAlias() throws IOException {
        createFunction("report", true);
        Injector injector = new Injector(lambda, bundles);

        InjectResult injected = injector.inject(inject("report", "abc"), log);
        InjectResult again = injector.inject(inject("report", "abc"), log);
        VerifyResult verified = new Verifier(lambda).verify(new VerifyRequest("report", injected.version(), null,
                new VerifyRequest.Smoke(JSON.readTree("{\"user\": \"ana\"}"), JSON.readTree("{\"answer\": 42}"))), log);

        assertEquals("1", injected.version());
        assertTrue(injected.updated());
        assertEquals(new InjectResult("report", "1", injected.codeSize(), injected.codeSha256(), false), again,
                "an unchanged project changes nothing and publishes nothing new");
        assertEquals(List.of(new VerifyResult.ImportedModule("tinypkg", verified.imported().get(0).seconds())),
                verified.imported());
        assertNotNull(verified.initDurationMs(), "the verify invoke is the version's cold start");
        assertEquals("{\"answer\":42,\"user\":\"ana\"}", verified.smoke().toString());
        assertEquals("1", lambda.getAlias(b -> b.functionName("report").name("live")).functionVersion());
        var config = lambda.getFunctionConfiguration(b -> b.functionName("report"));
        assertEquals("smolsnake_bootstrap.handler", config.handler());
        assertEquals(Map.of("USER_SETTING", "kept", "SMOLSNAKE_HANDLER", "app.handler",
                "SMOLSNAKE_ENV", "/mnt/smolsnake/envs/python3.11-x86_64/abc"), config.environment().variables());
        assertTrue(logs.stream().anyMatch(l -> l.contains("\"service\":\"test\"") && l.contains("\"coldStart\":true")));
    }

    @Test
    void leavesTheAliasAloneWhenAModuleDoesNotImport() {
        createFunction("bad", true);
        String version = new Injector(lambda, bundles).inject(inject("bad", "bad"), log).version();

        StageException e = assertThrows(StageException.class,
                () -> new Verifier(lambda).verify(new VerifyRequest("bad", version, "live", null), log));

        assertEquals("Verify.ImportFailed", e.errorType());
        assertTrue(e.getMessage().contains("INIT"), e.getMessage());
        assertTrue(e.getMessage().contains("No module named 'tinypkg'"), e.getMessage());
        assertThrows(ResourceNotFoundException.class, () -> lambda.getAlias(b -> b.functionName("bad").name("live")));
    }

    @Test
    void failsTheSmokeTestWhenTheResultDiffers() throws IOException {
        createFunction("smoky", true);
        String version = new Injector(lambda, bundles).inject(inject("smoky", "abc"), log).version();

        StageException e = assertThrows(StageException.class, () -> new Verifier(lambda).verify(new VerifyRequest(
                "smoky", version, "live", new VerifyRequest.Smoke(JSON.readTree("{}"), JSON.readTree("{\"answer\": 41}"))), log));

        assertEquals("Verify.SmokeFailed", e.errorType());
        assertTrue(e.getMessage().startsWith("smoky:1: the smoke event's result is not what the project expects:\n"
                + "  $.answer: expected 41, got 42"), e.getMessage());
    }

    @Test
    void refusesAFunctionOutsideAVpc() {
        createFunction("novpc", false);

        StageException e = assertThrows(StageException.class, () -> new Injector(lambda, bundles).inject(inject("novpc", "abc"), log));

        assertEquals("Inject.NotInVpc", e.errorType());
        assertFalse(s3.keySet().stream().anyMatch(k -> k.contains("bundles/")), "nothing was uploaded");
    }
}
