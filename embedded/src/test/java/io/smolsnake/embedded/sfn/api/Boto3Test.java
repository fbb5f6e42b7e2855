package io.smolsnake.embedded.sfn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.embedded.HostPython;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.embedded.sfn.integrations.AwsIntegrations;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint as boto3 sees it: the host's python3 runs a small client script against it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Boto3Test {
    @Test
    void boto3RunsAnExecutionPagesHistoryAndReadsErrorCodes(@TempDir Path dir) throws Exception {
        assumeTrue(HostPython.hasBoto3(), "python3 with boto3 is not installed on this host");
        Path script = dir.resolve("boto3_client.py");
        try (InputStream in = Boto3Test.class.getResourceAsStream("/sfn/boto3_client.py")) {
            Files.copy(in, script);
        }
        try (SfnService service = SfnService.start(new SfnService.Options(0, null, AwsIntegrations.unsupported()))) {
            Process p = HostPython.start(script.toString(), service.endpoint().toString());
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), err);

            JsonNode seen = new ObjectMapper().readTree(out);
            assertEquals("SUCCEEDED", seen.get("status").asText());
            assertEquals("{\"sum\":5}", seen.get("output").asText());
            assertEquals("datetime", seen.get("startDateType").asText());
            assertEquals(List.of("ExecutionSucceeded", "PassStateExited", "PassStateEntered", "ExecutionStarted"),
                    new ObjectMapper().convertValue(seen.get("historyReversed"), List.class));
            assertEquals("ExecutionDoesNotExist", seen.get("missingError").asText());
            assertEquals("InvalidDefinition", seen.get("badDefinitionError").asText());
        }
    }
}
