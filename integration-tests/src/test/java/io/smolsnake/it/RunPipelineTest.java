package io.smolsnake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.cli.Smolsnake;
import io.smolsnake.pypackaging.wheel.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smolsnake run} end to end on generated wheels: the embedded S3, SQS, Lambda and Step
 * Functions, the real stages and the install worker, the function run by the host's python3.
 */
class RunPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path wheels;

    static Wheelhouse house;

    @TempDir
    Path work;

    @BeforeAll
    static void wheels() {
        house = new Wheelhouse(wheels);
        house.add("alpha", "1.0");
        house.add("alpha", "2.0");
        house.add("beta", "1.0", true, "alpha>=1.0"); // with a console script: bin/ in its entry's RECORD
        house.add("beta", "1.1", "alpha>=1.0");
        house.add("gamma", "1.0", "alpha>=2");
    }

    /** {@code smolsnake run --json PROJECT} with this test's home and the generated wheels only. */
    private JsonNode run(FunctionProject project, int expectedExit) throws IOException {
        Map<String, String> env = new HashMap<>(house.findLinksEnv());
        env.put("SMOLSNAKE_HOME", work.resolve("home").toString());
        Smolsnake.Result r = Smolsnake.run(env, "run", "--json", project.dir().toString());
        assertEquals(expectedExit, r.exitCode(), () -> "exit code; stderr:\n" + r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void freshDeployInstallsEveryPackageAndTheFunctionAnswersFromTheEnvironment() throws IOException {
        FunctionProject project = FunctionProject.create(work.resolve("fn"), List.of("alpha==1.0", "beta==1.0"),
                List.of("alpha", "beta")).smoke("{\"event\": {\"name\": \"smoke\"}, \"expect\": {\"alpha\": \"1.0\"}}");

        JsonNode result = run(project, 0);

        assertEquals("SUCCEEDED", result.path("status").asText());
        assertEquals(2, result.path("packages").asInt());
        assertEquals(2, result.path("installed").asInt());
        assertEquals(0, result.path("cached").asInt());
        List<String> imported = new ArrayList<>();
        result.path("verify").path("imported").forEach(m -> imported.add(m.path("module").asText()));
        assertEquals(List.of("alpha", "beta"), imported);
        assertEquals(JSON.readTree("{\"alpha\": \"1.0\", \"beta\": \"1.0\", \"echo\": \"smoke\"}"),
                result.path("verify").path("smoke"));
        Path env = Path.of(result.path("environment").asText());
        assertEquals("VERSION = \"1.0\"\n", Files.readString(env.resolve("site-packages/alpha/__init__.py")));
        assertEquals("VERSION = \"1.0\"\n", Files.readString(env.resolve("site-packages/beta/__init__.py")));
        assertTrue(Files.isRegularFile(env.resolve("bin/beta-cli")), "beta's console script, beside site-packages");
        assertTrue(result.path("bundleBytes").asLong() > 0 && result.path("bundleBytes").asLong() < 100_000,
                () -> "bundle of " + result.path("bundleBytes") + " bytes");
    }

    @Test
    void redeployOfAnUnchangedProjectInstallsNothing() throws IOException {
        FunctionProject project = FunctionProject.create(work.resolve("fn"), List.of("beta==1.0"), List.of("beta"));
        JsonNode first = run(project, 0);

        JsonNode again = run(project, 0);

        assertEquals("SUCCEEDED", again.path("status").asText());
        assertEquals(2, again.path("packages").asInt());
        assertEquals(0, again.path("installed").asInt());
        assertEquals(again.path("packages").asInt(), again.path("cached").asInt());
        assertEquals(first.path("environment"), again.path("environment"));
    }

    @Test
    void changingOneRequirementInstallsExactlyThatPackage() throws IOException {
        FunctionProject project = FunctionProject.create(work.resolve("fn"), List.of("alpha==1.0", "beta==1.0"),
                List.of("alpha", "beta")).smoke("{\"event\": {}}");
        run(project, 0);

        JsonNode changed = run(project.dependencies(List.of("alpha==1.0", "beta==1.1")), 0);

        assertEquals("SUCCEEDED", changed.path("status").asText());
        assertEquals(1, changed.path("installed").asInt());
        assertEquals(1, changed.path("cached").asInt());
        assertEquals(JSON.readTree("{\"alpha\": \"1.0\", \"beta\": \"1.1\", \"echo\": null}"),
                changed.path("verify").path("smoke"));
    }

    @Test
    void unsatisfiableRequirementsFailTheLockStageWithTheConflict() throws IOException {
        FunctionProject project = FunctionProject.create(work.resolve("fn"), List.of("alpha==1.0", "gamma"),
                List.of("alpha", "gamma"));

        JsonNode result = run(project, 1);

        assertEquals("FAILED", result.path("status").asText());
        assertEquals("Lock", result.path("stage").asText());
        assertEquals("Lock.Unsatisfiable", result.path("error").asText());
        String cause = result.path("cause").asText();
        assertTrue(cause.startsWith("Lock failed for fn on "), cause);
        // the Lock function's error message, as the CLI shows it, explains the conflict
        assertTrue(cause.endsWith("""

                Because gamma depends on alpha >=2 and the project depends on alpha ==1.0, gamma cannot be used.
                And because the project depends on gamma, version solving failed."""), cause);
    }

    @Test
    void wheelWhoseBytesNoLongerMatchTheIndexFailsTheInstallNamingThePackage() throws IOException {
        Wheelhouse mirror = new Wheelhouse(work.resolve("mirror"));
        mirror.add("alpha", "1.0");
        Path delta = mirror.add("delta", "1.0");
        Map<String, String> env = new HashMap<>(mirror.simpleIndex(work.resolve("simple")));
        env.put("SMOLSNAKE_HOME", work.resolve("home").toString());
        String indexed = WheelBuilder.sha256(delta);
        // the mirror's file changes after the index recorded its hash
        Files.write(delta, java.util.Arrays.copyOf(Files.readAllBytes(delta), (int) Files.size(delta) + 1));
        FunctionProject project = FunctionProject.create(work.resolve("fn"), List.of("alpha", "delta"),
                List.of("alpha", "delta"));

        Smolsnake.Result r = Smolsnake.run(env, "run", "--json", project.dir().toString());

        assertEquals(1, r.exitCode(), r.err());
        JsonNode result = JSON.readTree(r.out());
        assertEquals("FAILED", result.path("status").asText());
        assertEquals("Install", result.path("stage").asText());
        assertEquals("Install.HashMismatch", result.path("error").asText());
        assertEquals("delta-1.0-py3-none-any.whl: the file's sha256 differs from the lock;"
                + " nothing was installed\n"
                + "  package:  delta\n"
                + "  expected: sha256=" + indexed + "\n"
                + "  actual:   sha256=" + WheelBuilder.sha256(delta) + "\n"
                + "  the download is corrupt or the lock is stale: download it again or re-lock",
                result.path("cause").asText());
    }
}
