package io.smolsnake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.cli.Smolsnake;
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
        house.add("beta", "1.0", "alpha>=1.0");
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
        assertTrue(result.path("bundleBytes").asLong() > 0 && result.path("bundleBytes").asLong() < 100_000,
                () -> "bundle of " + result.path("bundleBytes") + " bytes");
    }
}
