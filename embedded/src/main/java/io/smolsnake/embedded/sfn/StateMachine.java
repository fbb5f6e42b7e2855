package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A validated Amazon States Language definition (JSONPath query language), ready to run on an
 * {@link Engine}. Load with {@link #parse}; every problem in the definition is reported at once,
 * each with its location.
 */
public final class StateMachine {
    private final JsonNode definition;
    private final State.Branch top;
    private final Long timeoutSeconds;

    private StateMachine(JsonNode definition, State.Branch top, Long timeoutSeconds) {
        this.definition = definition;
        this.top = top;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Parses and validates definition text. */
    public static StateMachine parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode node;
        try {
            node = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new DefinitionException(List.of("/: not JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        return of(node);
    }

    /** Validates an already parsed definition. */
    public static StateMachine of(JsonNode definition) {
        Objects.requireNonNull(definition, "definition");
        if (definition.has("QueryLanguage") && !"JSONPath".equals(definition.get("QueryLanguage").asText())) {
            throw new DefinitionException(List.of("/QueryLanguage: only JSONPath is supported, got "
                    + Json.text(definition.get("QueryLanguage"))));
        }
        State.Branch top = DefinitionParser.parse(definition);
        Long timeout = null;
        JsonNode t = definition.get("TimeoutSeconds");
        if (t != null) {
            if (!Json.isIntegral(t) || t.longValue() < 1) {
                throw new DefinitionException(List.of("/TimeoutSeconds: must be a positive integer, got " + Json.text(t)));
            }
            timeout = t.longValue();
        }
        return new StateMachine(definition.deepCopy(), top, timeout);
    }

    /** The definition as given. */
    public JsonNode definition() {
        return definition.deepCopy();
    }

    public String startAt() {
        return top.startAt();
    }

    /** The top-level state names, in definition order. */
    public Set<String> stateNames() {
        return top.states().keySet();
    }

    /** The execution's TimeoutSeconds, or null for none. */
    public Long timeoutSeconds() {
        return timeoutSeconds;
    }

    State.Branch top() {
        return top;
    }
}
