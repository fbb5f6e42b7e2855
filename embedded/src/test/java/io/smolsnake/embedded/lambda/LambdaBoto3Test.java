package io.smolsnake.embedded.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.embedded.HostPython;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Lambda as boto3 sees it: the host's python3 runs a small client script against it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LambdaBoto3Test {
    @Test
    void boto3CreatesInvokesVersionsAndAliasesAPythonFunction(@TempDir Path dir) throws Exception {
        assumeTrue(HostPython.hasBoto3(), "python3 with boto3 is not installed on this host");
        Path script = dir.resolve("boto3_client.py");
        try (InputStream in = LambdaBoto3Test.class.getResourceAsStream("/lambda/boto3_client.py")) {
            Files.copy(in, script);
        }
        try (LambdaService service = LambdaService.start(LambdaSettings.defaults(dir.resolve("work")))) {
            Process p = HostPython.start(script.toString(), service.endpoint().toString());
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), err);

            JsonNode seen = new ObjectMapper().readTree(out);
            assertEquals(200, seen.get("status").asInt());
            assertEquals(5, seen.get("payload").get("sum").asInt());
            assertEquals("adder", seen.get("payload").get("function").asText());
            assertTrue(seen.get("logHasReport").asBoolean(), out);
            assertTrue(seen.get("logHasPrint").asBoolean(), out);
            assertEquals("Unhandled", seen.get("functionError").asText());
            assertEquals("ValueError", seen.get("failedPayload").get("errorType").asText());
            assertEquals("asked to fail", seen.get("failedPayload").get("errorMessage").asText());
            assertEquals("1", seen.get("version").asText());
            assertEquals(2, seen.get("viaAlias").get("sum").asInt());
            assertEquals("ResourceNotFoundException", seen.get("missingError").asText());
        }
    }
}
