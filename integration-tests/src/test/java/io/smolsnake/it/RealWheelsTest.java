package io.smolsnake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.cli.Smolsnake;
import io.smolsnake.pypackaging.index.IndexSource;
import io.smolsnake.pypackaging.index.PipConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smolsnake run} with real wheels from this machine's configured package index (pip's
 * configuration, as a user's run reads it): six and python-dateutil. Skipped, saying why, where
 * pip has no index or find-links configured (PyPI itself is not reachable where the tests run).
 */
class RealWheelsTest {
    @TempDir
    Path work;

    @Test
    void realWheelsFromTheConfiguredIndexDeployAndAnswer() throws IOException {
        PipConfig pip = PipConfig.load();
        List<IndexSource> sources = pip.sources();
        boolean configured = pip.indexUrl().isPresent() || !pip.extraIndexUrls().isEmpty() || !pip.findLinks().isEmpty();
        if (!configured) {
            System.out.println("RealWheelsTest skipped: pip has no index or find-links configured (pip config list)");
        }
        Assumptions.assumeTrue(configured, "pip has no index or find-links configured; sources: " + sources);
        FunctionProject project = FunctionProject.create(work.resolve("dates"), List.of("six", "python-dateutil"),
                List.of()).smoke("{\"event\": {\"when\": \"2024-02-29T12:00:00\"}}");
        Files.writeString(project.dir().resolve("handler.py"), """
                import six
                from dateutil import parser, relativedelta


                def lambda_handler(event, context):
                    when = parser.isoparse(event["when"])
                    return {"nextYear": (when + relativedelta.relativedelta(years=1)).date().isoformat(),
                            "six": six.__version__}
                """);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SMOLSNAKE_HOME", work.resolve("home").toString());

        Smolsnake.Result r = Smolsnake.run(env, "run", "--json", project.dir().toString());

        assertEquals(0, r.exitCode(), r.err());
        JsonNode result = new ObjectMapper().readTree(r.out());
        assertEquals("SUCCEEDED", result.path("status").asText());
        assertEquals(2, result.path("packages").asInt());
        assertEquals(2, result.path("installed").asInt());
        List<String> imported = new ArrayList<>();
        result.path("verify").path("imported").forEach(m -> imported.add(m.path("module").asText()));
        assertTrue(imported.containsAll(List.of("dateutil", "six")), imported::toString);
        assertEquals("2025-02-28", result.path("verify").path("smoke").path("nextYear").asText());
        assertFalse(result.path("verify").path("smoke").path("six").asText().isEmpty());
    }
}
