package io.smolsnake.core.stage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The Verify stage's input: prove {@code version} of {@code function} works, then point
 * {@code alias} at it.
 *
 * @param alias the alias to move on success; {@code live} when absent
 * @param smoke the project's own smoke test, or null
 */
public record VerifyRequest(String function, String version, String alias, Smoke smoke) {
    public static final String DEFAULT_ALIAS = "live";

    public VerifyRequest {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(version, "version");
        alias = alias == null || alias.isBlank() ? DEFAULT_ALIAS : alias;
    }

    /**
     * A smoke test: invoke with {@code event}; the result must contain {@code expect} (objects by
     * subset, everything else by equality). A null {@code expect} only asks for no function error.
     */
    public record Smoke(JsonNode event, JsonNode expect) {
        public Smoke {
            Objects.requireNonNull(event, "event");
        }
    }
}
