package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/** How long a Wait state waits. */
final class Waits {
    private Waits() {}

    static Duration duration(State.Wait wait, JsonNode input, JsonNode context, Instant now) {
        if (wait.seconds() != null) {
            return Duration.ofSeconds(wait.seconds());
        }
        if (wait.timestamp() != null) {
            return until(Timestamps.parse(wait.timestamp()), now);
        }
        if (wait.secondsPath() != null) {
            JsonNode value = read(wait.secondsPath(), input, context);
            String shown = wait.secondsPath() + " == " + (value.isTextual() ? value.textValue() : Json.text(value));
            if (!Json.isIntegral(value)) {
                throw StatesFailure.runtime("The SecondsPath parameter cannot be parsed as a long value: " + shown);
            }
            if (value.longValue() < 0) {
                throw StatesFailure.runtime("The SecondsPath parameter references a negative value: " + shown);
            }
            return Duration.ofSeconds(value.longValue());
        }
        JsonNode value = read(wait.timestampPath(), input, context);
        Instant at = value.isTextual() ? Timestamps.parse(value.textValue()) : null;
        if (at == null) {
            throw StatesFailure.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset"
                    + " date-time format string: " + wait.timestampPath() + " == "
                    + (value.isTextual() ? value.textValue() : Json.text(value)));
        }
        return until(at, now);
    }

    private static Duration until(Instant at, Instant now) {
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static JsonNode read(String path, JsonNode input, JsonNode context) {
        try {
            return JsonPaths.read(path, input, context);
        } catch (JsonPaths.NoMatch e) {
            throw StatesFailure.runtime(e.getMessage());
        }
    }
}
