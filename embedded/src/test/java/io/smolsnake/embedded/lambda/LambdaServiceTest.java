package io.smolsnake.embedded.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FileSystemConfig;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

class LambdaServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private LambdaService service;
    private LambdaClient lambda;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(dir.resolve("efs/envs"));
        Files.writeString(dir.resolve("efs/envs/marker.txt"), "from the host directory");
        service = LambdaService.start(LambdaSettings.defaults(dir.resolve("work"))
                .withFileSystems(Map.of("arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/fsap-1",
                        dir.resolve("efs"))));
        lambda = LambdaClient.builder()
                .endpointOverride(service.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        lambda.close();
        service.close();
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static final String ECHO = """
            import os
            print("init of", os.environ["AWS_LAMBDA_FUNCTION_NAME"])
            def handler(event, context):
                print("handling", event)
                if event.get("fail"):
                    raise ValueError("asked to fail")
                if event.get("sleep"):
                    import time; time.sleep(event["sleep"])
                return {"event": event, "pid": os.getpid(), "version": context.function_version,
                        "request": context.aws_request_id, "memory": context.memory_limit_in_mb,
                        "remaining": context.get_remaining_time_in_millis() > 0,
                        "greeting": os.environ.get("GREETING"), "code": open("code.txt").read()}
            """;

    private void create(String name, String code, int timeout) throws IOException {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_11).handler("app.handler")
                .role("arn:aws:iam::000000000000:role/test").timeout(timeout)
                .environment(e -> e.variables(Map.of("GREETING", "hello")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zipOrThrow(code)))));
    }

    private static byte[] zipOf(String codeMarker) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("app.py", ECHO);
        files.put("code.txt", codeMarker);
        return zip(files);
    }

    private InvokeResponse invoke(String name, String qualifier, String event) {
        return lambda.invoke(b -> b.functionName(name).qualifier(qualifier).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(event)));
    }

    private static String logs(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    @Test
    void invokesAPythonFunctionWithItsEnvironmentContextAndAReportLine() throws IOException {
        create("echo", "v1", 30);

        InvokeResponse cold = invoke("echo", null, "{\"n\": 1}");
        InvokeResponse warm = invoke("echo", null, "{\"n\": 2}");

        JsonNode first = JSON.readTree(cold.payload().asByteArray());
        JsonNode second = JSON.readTree(warm.payload().asByteArray());
        assertNull(cold.functionError());
        assertEquals(1, first.at("/event/n").asInt());
        assertEquals("$LATEST", first.path("version").asText());
        assertEquals("hello", first.path("greeting").asText());
        assertEquals("128", first.path("memory").asText());
        assertTrue(first.path("remaining").asBoolean());
        assertEquals("v1", first.path("code").asText());
        assertEquals(first.path("pid"), second.path("pid"), "the second invoke runs in the warm environment");
        assertNotEquals(first.path("request"), second.path("request"));
        String coldLogs = logs(cold);
        assertTrue(coldLogs.contains("init of echo\n"), coldLogs);
        assertTrue(coldLogs.contains("START RequestId: " + first.path("request").asText() + " Version: $LATEST"), coldLogs);
        assertTrue(coldLogs.contains("handling {'n': 1}"), coldLogs);
        assertTrue(coldLogs.matches("(?s).*\nREPORT RequestId: \\S+\tDuration: [0-9.]+ ms\tBilled Duration: \\d+ ms\t"
                + "Memory Size: 128 MB\tMax Memory Used: \\d+ MB\tInit Duration: [0-9.]+ ms\t\n"), coldLogs);
        assertTrue(!logs(warm).contains("Init Duration") && !logs(warm).contains("init of"), logs(warm));
        assertEquals("$LATEST", cold.executedVersion());
    }

    @Test
    void reportsAnUnhandledFunctionErrorWithTheExceptionAndKeepsServing() throws IOException {
        create("failing", "v1", 30);

        InvokeResponse failed = invoke("failing", null, "{\"fail\": true}");

        assertEquals("Unhandled", failed.functionError());
        JsonNode error = JSON.readTree(failed.payload().asByteArray());
        assertEquals("ValueError", error.path("errorType").asText());
        assertEquals("asked to fail", error.path("errorMessage").asText());
        assertTrue(logs(failed).contains("ValueError: asked to fail"), logs(failed));
        assertNull(invoke("failing", null, "{}").functionError());
    }

    @Test
    void endsAnInvocationThatRunsPastItsTimeout() throws IOException {
        create("slow", "v1", 1);

        InvokeResponse timedOut = invoke("slow", null, "{\"sleep\": 30}");

        assertEquals("Unhandled", timedOut.functionError());
        assertTrue(timedOut.payload().asUtf8String().endsWith("Task timed out after 1.00 seconds\"}"),
                timedOut.payload().asUtf8String());
        assertNull(invoke("slow", null, "{}").functionError(), "a fresh environment serves the next invoke");
    }

    @Test
    void reportsAFunctionWhoseModuleDoesNotImport() throws IOException {
        lambda.createFunction(b -> b.functionName("broken").runtime(Runtime.PYTHON3_11).handler("missing.handler")
                .role("arn:aws:iam::000000000000:role/test")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zipOrThrow(Map.of("app.py", "x = 1"))))));

        InvokeResponse response = invoke("broken", null, "{}");

        assertEquals("Unhandled", response.functionError());
        JsonNode error = JSON.readTree(response.payload().asByteArray());
        assertEquals("Runtime.ImportModuleError", error.path("errorType").asText());
        assertEquals("Unable to import module 'missing': No module named 'missing'", error.path("errorMessage").asText());
    }

    @Test
    void publishedVersionsAndAliasesKeepTheCodeTheyWerePublishedWith() throws IOException {
        create("versions", "v1", 30);
        String one = lambda.publishVersion(b -> b.functionName("versions")).version();
        String again = lambda.publishVersion(b -> b.functionName("versions")).version();
        lambda.updateFunctionCode(b -> b.functionName("versions").zipFile(SdkBytes.fromByteArray(zipOrThrow("v2"))));
        String two = lambda.publishVersion(b -> b.functionName("versions")).version();
        lambda.createAlias(b -> b.functionName("versions").name("live").functionVersion(one));

        assertEquals(List.of("1", "1", "2"), List.of(one, again, two), "publishing unchanged code gives back its version");
        assertEquals("v1", JSON.readTree(invoke("versions", "live", "{}").payload().asByteArray()).path("code").asText());
        assertEquals("v2", JSON.readTree(invoke("versions", null, "{}").payload().asByteArray()).path("code").asText());
        assertEquals("1", invoke("versions:live", null, "{}").executedVersion());

        lambda.updateAlias(b -> b.functionName("versions").name("live").functionVersion(two));

        assertEquals("2", lambda.getAlias(b -> b.functionName("versions").name("live")).functionVersion());
        InvokeResponse live = invoke("versions", "live", "{}");
        assertEquals("v2", JSON.readTree(live.payload().asByteArray()).path("code").asText());
        assertEquals("2", live.executedVersion());
        assertEquals("2", JSON.readTree(live.payload().asByteArray()).path("version").asText());
    }

    @Test
    void answersTheSdksNotFoundForAMissingFunctionOrAlias() throws IOException {
        create("present", "v1", 30);

        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName("absent")));
        assertThrows(ResourceNotFoundException.class, () -> invoke("present", "nope", "{}"));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getAlias(b -> b.functionName("present").name("live")));
    }

    @Test
    void showsTheConfiguredLocalDirectoryAtTheEfsMountPath() throws IOException {
        String code = """
                import os
                def handler(event, context):
                    return {"text": open(os.environ["SMOLSNAKE_ENV"] + "/marker.txt").read(), "env": os.environ["SMOLSNAKE_ENV"]}
                """;
        lambda.createFunction(b -> b.functionName("efs").runtime(Runtime.PYTHON3_11).handler("app.handler")
                .role("arn:aws:iam::000000000000:role/test")
                .vpcConfig(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1"))
                .fileSystemConfigs(FileSystemConfig.builder()
                        .arn("arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/fsap-1")
                        .localMountPath("/mnt/smolsnake").build())
                .environment(e -> e.variables(Map.of("SMOLSNAKE_ENV", "/mnt/smolsnake/envs")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zipOrThrow(Map.of("app.py", code))))));

        JsonNode result = JSON.readTree(invoke("efs", null, "{}").payload().asByteArray());

        assertEquals("from the host directory", result.path("text").asText(), result.toString());
        if (service.mountsInPlace()) {
            assertEquals("/mnt/smolsnake/envs", result.path("env").asText());
        }
    }

    @Test
    void refusesAnEfsMountOnAFunctionOutsideAVpc() {
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () ->
                lambda.createFunction(b -> b.functionName("novpc").runtime(Runtime.PYTHON3_11).handler("app.handler")
                        .role("arn:aws:iam::000000000000:role/test")
                        .fileSystemConfigs(FileSystemConfig.builder()
                                .arn("arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/fsap-1")
                                .localMountPath("/mnt/smolsnake").build())
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(zipOrThrow(Map.of("app.py", "")))))));
        assertTrue(e.getMessage().startsWith("Function novpc must be configured to use a VPC"), e.getMessage());
    }


    @Test
    void runsRegisteredJavaTasksInProcessWithTheirStableErrorNames() throws Exception {
        RequestHandler<Map<String, Object>, Map<String, Object>> task = (input, context) -> {
            context.getLogger().log("task got " + input);
            if (input.containsKey("fail")) {
                throw new Verify.ImportFailed("fn:1", "numpy did not import");
            }
            return Map.of("answer", input.get("question"), "function", context.getFunctionName());
        };
        service.registerJava("verify-task", task);

        InvokeResponse ok = invoke("verify-task", null, "{\"question\": 42}");
        InvokeResponse failed = invoke("verify-task", null, "{\"fail\": true}");

        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"answer\":42,\"function\":\"verify-task\"}"),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok.payload().asUtf8String()));
        assertTrue(logs(ok).contains("task got {question=42}"), logs(ok));
        assertEquals("Unhandled", failed.functionError());
        assertTrue(failed.payload().asUtf8String().startsWith(
                "{\"errorMessage\":\"numpy did not import\",\"errorType\":\"Verify.ImportFailed\""));
    }

    private static byte[] zipOrThrow(String codeMarker) {
        try {
            return zipOf(codeMarker);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] zipOrThrow(Map<String, String> files) {
        try {
            return zip(files);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
