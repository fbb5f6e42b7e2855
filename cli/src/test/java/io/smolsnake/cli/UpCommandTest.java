package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.cli.LocalPipeline.Run;
import io.smolsnake.embedded.pipeline.LocalAws;
import io.smolsnake.pypackaging.wheel.WheelBuilder;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UpCommandTest {
    /** The seven lines {@code up} prints: four endpoints, three settings. */
    private static final int LINES = 7;

    /** A running {@code smolsnake up} on a thread of this process, and the lines it printed. */
    private record Running(Thread thread, AtomicInteger exit, Map<String, String> printed, StringWriter err) {}

    private static Running up(Map<String, String> env, String... args) throws IOException {
        PipedReader pipe = new PipedReader(64 * 1024);
        PrintWriter out = new PrintWriter(new PipedWriter(pipe), true);
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        String[] command = new String[args.length + 1];
        command[0] = "up";
        System.arraycopy(args, 0, command, 1, args.length);
        Thread thread = new Thread(() -> {
            exit.set(Main.run(env, out, new PrintWriter(err, true), command));
            out.close();
        }, "up-under-test");
        thread.start();
        BufferedReader lines = new BufferedReader(pipe);
        Map<String, String> printed = new LinkedHashMap<>();
        while (printed.size() < LINES) {
            String line = lines.readLine();
            if (line == null) {
                throw new AssertionError("smolsnake up ended early: " + err);
            }
            assertTrue(line.matches("[A-Z][A-Z0-9_]*=\\S+"), line);
            int eq = line.indexOf('=');
            printed.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new Running(thread, exit, printed, err);
    }

    @Test
    void printsWhatDeployNeedsServesThePipelineAndStopsCleanly(@TempDir Path dir) throws Exception {
        // given smolsnake up, locking from a find-links directory
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        WheelBuilder.wheel("colours", "2.0").file("colours/__init__.py", "NAME = 'red'\n").build(wheels);
        Map<String, String> upEnv = Map.of("PIP_CONFIG_FILE", "/dev/null", "PIP_NO_INDEX", "1", "PIP_FIND_LINKS",
                wheels.toString());
        Running up = up(upEnv, "--data-dir", dir.resolve("home").toString());

        // then it printed an endpoint per service and the settings deploy reads
        assertEquals(List.of("AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL_SQS",
                "AWS_ENDPOINT_URL_S3", "SMOLSNAKE_STATE_MACHINE_ARN", "SMOLSNAKE_ARTIFACT_BUCKET",
                "SMOLSNAKE_FILE_SYSTEM_ARN"), List.copyOf(up.printed().keySet()));
        for (String service : UpCommand.SERVICES) {
            assertTrue(up.printed().get("AWS_ENDPOINT_URL_" + service).matches("http://127\\.0\\.0\\.1:\\d+"),
                    up.printed().toString());
        }

        // when a user creates a function on its Lambda and deploys with exactly those lines in the environment
        Map<String, String> env = new HashMap<>(up.printed());
        env.put("AWS_ACCESS_KEY_ID", "any");
        env.put("AWS_SECRET_ACCESS_KEY", "any");
        byte[] code = zip("handler.py", "pass\n");
        try (LambdaClient lambda = LambdaClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_LAMBDA")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            lambda.createFunction(b -> b.functionName("up-fn").runtime(LocalPipeline.RUNTIME)
                    .handler("handler.lambda_handler").role("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/up-fn")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))
                    .vpcConfig(v -> v.subnetIds("subnet-local").securityGroupIds("sg-local")));
        }
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("requirements.txt"), "colours\n");
        Files.writeString(project.resolve("handler.py"),
                "import colours\n\ndef lambda_handler(event, context):\n    return colours.NAME\n");
        Run deploy = LocalPipeline.run(env, "deploy", project.toString(), "--function", "up-fn");

        // then the pipeline it serves deploys it
        assertEquals(0, deploy.exit(), deploy.err() + "\n" + up.err());
        assertTrue(deploy.out().contains("status: SUCCEEDED"), deploy.out());

        // and stopping it closes the ports and exits 0
        URI sfn = URI.create(up.printed().get("AWS_ENDPOINT_URL_SFN"));
        up.thread().interrupt();
        up.thread().join();
        assertEquals(0, up.exit().get(), up.err().toString());
        assertTrue(up.err().toString().contains("smolsnake up: stopped"), up.err().toString());
        assertThrows(ConnectException.class, () -> new Socket(sfn.getHost(), sfn.getPort()).close());
    }

    @Test
    void rejectsAPortOutOfRange() {
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "up", "--port", "70000");

        assertEquals(Main.EXIT_USAGE, exit);
        assertEquals("error: --port must be between 0 and 65532, got 70000\n", err.toString());
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
