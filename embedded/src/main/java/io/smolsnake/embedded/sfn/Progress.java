package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The progress entries an execution keeps for redrive and restart: where each branch is
 * ({@code b:<path>} → {@code {"state": …, "input": …}} or {@code {"output": …}} once it ended) and
 * which task waits for which token ({@code t:<path>/<state>} → the token).
 */
final class Progress {
    static final String TOKEN_PREFIX = "t:";

    private Progress() {}

    /** A branch's saved place: at {@code state} with {@code data} as its input, or done with {@code data} as output. */
    record Position(String state, JsonNode data) {
        boolean done() {
            return state == null;
        }
    }

    static String branchKey(String path) {
        return "b:" + path;
    }

    static String tokenKey(String path, String state) {
        return "t:" + path + "/" + state;
    }

    /** The prefix of everything under a Map's iterations or a Parallel's branches. */
    static String[] childPrefixes(String path, String state) {
        return new String[] {"b:" + path + "/" + state + "[", "t:" + path + "/" + state + "["};
    }

    static String childPath(String path, String state, int index) {
        return path + "/" + state + "[" + index + "]";
    }

    static String at(String state, JsonNode input) {
        ObjectNode node = Json.object();
        node.put("state", state);
        node.set("input", input);
        return Json.text(node);
    }

    static String ended(JsonNode output) {
        ObjectNode node = Json.object();
        node.set("output", output);
        return Json.text(node);
    }

    static Position position(String saved) {
        if (saved == null) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.parse(saved);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (node.has("output")) {
            return new Position(null, node.get("output"));
        }
        return node.hasNonNull("state") ? new Position(node.get("state").asText(), node.get("input")) : null;
    }
}
