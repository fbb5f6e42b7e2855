package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one ObjectMapper and a few JSON helpers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** Compact JSON text, as Step Functions renders payloads in history and intrinsic functions. */
    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** An integer node of the smallest kind that holds it, as Jackson's parser would make. */
    static JsonNode number(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    /** Is this a JSON number with no fractional part (1, 1.0, 1e3)? */
    static boolean isIntegral(JsonNode node) {
        if (!node.isNumber()) {
            return false;
        }
        if (node.isIntegralNumber()) {
            return true;
        }
        try {
            node.decimalValue().toBigIntegerExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
