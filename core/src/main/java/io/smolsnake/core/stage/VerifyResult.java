package io.smolsnake.core.stage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The Verify stage's output, after the alias points at the version.
 *
 * @param imported every top-level module of the locked packages, with its import time
 * @param failed empty (a failure fails the stage with {@code Verify.ImportFailed}); kept for the record shape
 * @param initDurationMs the verify invocation's INIT duration from its {@code REPORT} line, null when warm
 * @param maxMemoryMb the verify invocation's {@code Max Memory Used}
 * @param smoke the smoke test's result, or null when the project has none
 */
public record VerifyResult(String function, String version, String alias, List<ImportedModule> imported,
        List<FailedModule> failed, Double initDurationMs, Long maxMemoryMb, JsonNode smoke) {

    public VerifyResult {
        imported = List.copyOf(imported);
        failed = List.copyOf(failed);
    }

    /** A module the bootstrap imported, and how long it took. */
    public record ImportedModule(String module, double seconds) {}

    /** A module that did not import, with the exception ({@code ImportError: ...}). */
    public record FailedModule(String module, String error) {}
}
