package io.smolsnake.cli;

import io.smolsnake.embedded.pipeline.LocalAws;
import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.wheel.WheelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;

/**
 * The whole pipeline on this machine for the deploy, status and replay tests: {@link LocalAws}
 * locking from a find-links directory of generated wheels ({@code greeter} 1.0, which needs
 * {@code colours} 2.0), Python functions created on its Lambda as a user creates them on AWS, and
 * the environment the commands would read to reach it.
 */
final class LocalPipeline implements AutoCloseable {
    static final String RUNTIME = "python" + Target.host().python();

    final Path dir;
    final Path wheels;
    /** A second find-links location, a page of links (as an index serves them: with hashes and metadata files). */
    final Path page;
    final LocalAws aws;

    /** What a command ran to: its exit code, stdout and stderr. */
    record Run(int exit, String out, String err) {}

    LocalPipeline(Path dir) throws IOException {
        this.dir = dir;
        this.wheels = Files.createDirectories(dir.resolve("wheels"));
        wheel("colours", "2.0", null, "colours/__init__.py", "NAME = 'red'\n");
        wheel("greeter", "1.0", "colours>=2", "greeter/__init__.py",
                "import colours\n\ndef greet(name):\n    return 'hello ' + name + ' in ' + colours.NAME\n");
        this.page = Files.createDirectories(dir.resolve("page")).resolve("index.html");
        Files.writeString(page, "<html><body></body></html>\n");
        PipConfig pip = PipConfig.load(Map.of("PIP_CONFIG_FILE", "/dev/null", "PIP_NO_INDEX", "1",
                "PIP_FIND_LINKS", wheels + " " + page), dir.resolve("user-home"));
        this.aws = LocalAws.start(dir.resolve("smolsnake-home"), line -> { }, pip);
    }

    /** Writes a wheel with one module into the find-links directory. */
    Path wheel(String name, String version, String requires, String module, String source) throws IOException {
        return WheelBuilder.wheel(name, version).metadata("Metadata-Version: 2.1\nName: " + name + "\nVersion: "
                + version + "\n" + (requires == null ? "" : "Requires-Dist: " + requires + "\n"))
                .file(module, source).build(wheels);
    }

    /** The environment a user's shell would have after {@code eval "$(smolsnake up)"}, with credentials. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        aws.endpoints().forEach((service, uri) -> env.put("AWS_ENDPOINT_URL_" + service, uri.toString()));
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_REGION", LocalAws.REGION);
        env.put("SMOLSNAKE_STATE_MACHINE_ARN", aws.stateMachineArn());
        env.put("SMOLSNAKE_ARTIFACT_BUCKET", LocalAws.ARTIFACT_BUCKET);
        env.put("SMOLSNAKE_FILE_SYSTEM_ARN", LocalAws.FILE_SYSTEM_ARN);
        return env;
    }

    /**
     * A project that needs {@code dependencies}, whose handler greets with {@code greeter} and whose smoke test expects
     * {@code expected} as the greeting for "smoke".
     */
    Path project(String name, String expected, String... dependencies) throws IOException {
        Path project = Files.createDirectories(dir.resolve("projects").resolve(name));
        Files.writeString(project.resolve("pyproject.toml"), """
                [project]
                name = "%s"
                version = "0.1"
                dependencies = [%s]
                """.formatted(name, String.join(", ", java.util.Arrays.stream(dependencies).map(d -> '"' + d + '"')
                .toList())));
        Files.writeString(project.resolve("handler.py"), """
                import greeter

                def lambda_handler(event, context):
                    return {"greeting": greeter.greet(event["name"])}
                """);
        smoke(project, expected);
        return project;
    }

    static void smoke(Path project, String expected) throws IOException {
        Files.writeString(project.resolve("smoke.json"), """
                {"event": {"name": "smoke"}, "expect": {"greeting": "%s"}}
                """.formatted(expected));
    }

    /** Creates a Python function on the embedded Lambda, without the store mounted, as a user would. */
    void createFunction(String name) {
        aws.lambda().createFunction(b -> b.functionName(name).runtime(RUNTIME).architecturesWithStrings("x86_64")
                .handler("handler.lambda_handler").role("arn:aws:iam::" + LocalAws.ACCOUNT + ":role/" + name)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(placeholderCode()))).timeout(60).memorySize(256)
                .vpcConfig(v -> v.subnetIds("subnet-local").securityGroupIds("sg-local")));
    }

    private static byte[] placeholderCode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("handler.py"));
            zip.write("def lambda_handler(event, context):\n    return 'not deployed yet'\n"
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Runs the command line with {@code env} as the process environment. */
    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    Run run(String... args) {
        return run(env(), args);
    }

    /** The executions the pipeline has for a function. */
    long executions(String function) {
        return aws.sfn().listExecutionsPaginator(b -> b.stateMachineArn(aws.stateMachineArn())).executions().stream()
                .filter(e -> e.name().startsWith("deploy-" + function + "-")).count();
    }

    @Override
    public void close() {
        aws.close();
    }
}
