package io.smolsnake.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bootstrap run by the host's python3, as Lambda's runtime would import and call it. */
class BootstrapTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path task;
    Path env;

    @BeforeEach
    void layout() throws IOException {
        task = dir.resolve("task");
        env = dir.resolve("env");
        Bootstrap.writeTo(task);
        Files.writeString(task.resolve("app.py"), """
                import boto3
                def handler(event, context):
                    return {"boto3": boto3.__file__, "event": event}
                """);
        // a locked "boto3" that must win over the host's real one, and a package that fails to import
        pkg(env.resolve("site-packages"), "boto3", "boto3/__init__.py", "VERSION = 'locked'\n", "boto3\n");
        pkg(env.resolve("site-packages"), "broken", "broken.py", "raise ImportError('needs libfoo.so')\n", null);
    }

    private static void pkg(Path site, String name, String file, String code, String topLevel) throws IOException {
        Path source = site.resolve(file);
        Files.createDirectories(source.getParent());
        Files.writeString(source, code);
        Path info = site.resolve(name + "-1.0.dist-info");
        Files.createDirectories(info);
        // a script as pip's RECORD names it, and as a store entry's does (beside site-packages), and a header
        Files.writeString(info.resolve("RECORD"), file + ",,\n" + name + "-1.0.dist-info/RECORD,,\n../../bin/tool,,\n"
                + "bin/" + name + "-tool,,\ninclude/" + name + "/api.h,,\n");
        if (topLevel != null) {
            Files.writeString(info.resolve("top_level.txt"), topLevel);
        }
    }

    private record Run(int exit, String out, String err) {}

    private Run run(Map<String, String> variables, String event) throws Exception {
        List<String> command = List.of("python3", "-c", """
                import json, sys
                sys.path.insert(0, sys.argv[1])
                import smolsnake_bootstrap
                print(json.dumps(smolsnake_bootstrap.handler(json.loads(sys.argv[2]), None)))
                """, task.toString(), event);
        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile());
        builder.environment().put("LAMBDA_TASK_ROOT", task.toString());
        builder.environment().putAll(variables);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void putsTheEnvironmentAheadOfTheRuntimesOwnPackages() throws Exception {
        Run run = run(Bootstrap.variables("app.handler", env.toString(), false), "{\"x\": 1}");

        JsonNode result = JSON.readTree(run.out());
        assertEquals(env.resolve("site-packages/boto3/__init__.py").toString(), result.path("boto3").asText(), run.err());
        assertEquals(1, result.at("/event/x").asInt());
    }

    @Test
    void answersTheVerifyRequestWithImportedAndFailedModules() throws Exception {
        Run run = run(Bootstrap.variables("app.handler", env.toString(), false), "{\"smolsnake\": {\"verify\": {}}}");

        JsonNode result = JSON.readTree(run.out());
        assertEquals(env.toString(), result.path("environment").asText());
        assertTrue(result.path("python").asText().startsWith("3."));
        assertEquals("boto3", result.at("/imported/0/module").asText());
        assertTrue(result.at("/imported/0/seconds").isNumber());
        assertEquals(1, result.path("imported").size());
        assertEquals("[{\"module\":\"broken\",\"error\":\"ImportError: needs libfoo.so\"}]", result.path("failed").toString());
    }

    @Test
    void failsInitNamingTheMissingEnvironmentAndTheMount() throws Exception {
        Run run = run(Bootstrap.variables("app.handler", "/mnt/smolsnake/envs/python3.11-x86_64/abc", false), "{}");

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("SmolsnakeEnvironmentError: the smolsnake environment is missing: expected "
                + "/mnt/smolsnake/envs/python3.11-x86_64/abc/site-packages (or /mnt/smolsnake/envs/python3.11-x86_64/abc/"
                + "paths.txt); the EFS access point must be mounted at the function's LocalMountPath (/mnt/smolsnake)"
                + " and the environment built for this lock"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"site-packages", "../per-package/boto3"})
    void perPackageModeAddsEveryLineOfPathsTxtRelativeToTheEnvironment(String line) throws Exception {
        Path perPackage = dir.resolve("per-package/boto3");
        pkg(perPackage, "boto3", "boto3/__init__.py", "", "boto3\n");
        Files.writeString(env.resolve("paths.txt"), line + "\n");
        Map<String, String> variables = new java.util.HashMap<>(Bootstrap.variables("app.handler", env.toString(), false));
        variables.put(Bootstrap.PATH_MODE_VARIABLE, "per-package");

        JsonNode result = JSON.readTree(run(variables, "{}").out());

        assertEquals(env.resolve(line).normalize().resolve("boto3/__init__.py").toString(), result.path("boto3").asText());
    }

    @Test
    void wrapperPrependsNativeDirectoriesKeepingTheRuntimesValues() throws Exception {
        Files.createDirectories(env.resolve("bin"));
        Files.createDirectories(env.resolve("lib"));
        Files.writeString(env.resolve("lib/libfoo.so"), "");
        assertTrue(Bootstrap.hasNativeFiles(env));
        List<String> command = new ArrayList<>(List.of(task.resolve(Bootstrap.WRAPPER_FILE).toString(),
                "sh", "-c", "echo \"$PATH|$LD_LIBRARY_PATH\""));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SMOLSNAKE_ENV", env.toString());
        builder.environment().put("PATH", "/var/lang/bin:/usr/bin:/bin");
        builder.environment().put("LD_LIBRARY_PATH", "/var/lang/lib");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertEquals(env + "/bin:/var/lang/bin:/usr/bin:/bin|" + env + "/lib:/var/lang/lib", out);
    }

    @Test
    void setsTheExecWrapperOnlyForEnvironmentsWithNativeFiles() throws IOException {
        assertFalse(Bootstrap.hasNativeFiles(env));
        assertEquals(Map.of("SMOLSNAKE_HANDLER", "app.handler", "SMOLSNAKE_ENV", "/e"), Bootstrap.variables("app.handler", "/e", false));
        assertEquals("/var/task/smolsnake_wrapper.sh",
                Bootstrap.variables("app.handler", "/e", true).get("AWS_LAMBDA_EXEC_WRAPPER"));
    }
}
