package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * JSONPath as Step Functions applies it, through Jayway: {@code $…} reads the state's input,
 * {@code $$…} the context object. A definite path that matches nothing is an error; an indefinite
 * one yields a (possibly empty) array.
 */
final class JsonPaths {
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(EnumSet.noneOf(com.jayway.jsonpath.Option.class))
            .build();

    private JsonPaths() {}

    /** Thrown for a path that does not compile or matches nothing where a match is required. */
    static final class NoMatch extends Exception {
        private static final long serialVersionUID = 1L;

        NoMatch(String message) {
            super(message, null, false, false);
        }
    }

    /** Is this text a JSONPath Step Functions accepts ({@code $} or {@code $$} followed by a Jayway path)? */
    static boolean isValid(String path) {
        if (path == null || !path.startsWith("$")) {
            return false;
        }
        String jayway = path.startsWith("$$") ? path.substring(1) : path;
        if (jayway.equals("$")) {
            return true;
        }
        try {
            JsonPath.compile(jayway);
            return true;
        } catch (InvalidPathException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Reads {@code path} from the input or (for {@code $$}) the context object. */
    static JsonNode read(String path, JsonNode input, JsonNode context) throws NoMatch {
        if (path.startsWith("$$")) {
            return read(path.substring(1), context);
        }
        return read(path, input);
    }

    /** Reads a {@code $…} path from a document. */
    static JsonNode read(String path, JsonNode document) throws NoMatch {
        if (path.equals("$")) {
            return document;
        }
        JsonPath compiled;
        try {
            compiled = JsonPath.compile(literalBackslashes(path));
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new NoMatch("Invalid path '" + path + "' : " + e.getMessage());
        }
        Object found;
        try {
            found = compiled.read(document, JAYWAY);
        } catch (PathNotFoundException e) {
            if (!compiled.isDefinite()) {
                return Json.NODES.arrayNode();
            }
            throw new NoMatch("Invalid path '" + path + "' : " + e.getMessage());
        } catch (InvalidPathException | IllegalArgumentException | ClassCastException e) {
            throw new NoMatch("Invalid path '" + path + "' : " + e.getMessage());
        }
        if (found instanceof JsonNode node) {
            return node;
        }
        return Json.MAPPER.valueToTree(found);
    }

    /**
     * Step Functions reads a backslash inside a quoted bracket name ({@code $['a\"b']}) literally,
     * except before the closing quote character; Jayway unescapes it. Doubling those backslashes
     * makes Jayway see the name Step Functions sees.
     */
    static String literalBackslashes(String path) {
        if (path.indexOf('\\') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 4);
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote == 0) {
                if ((c == '\'' || c == '"') && i > 0 && path.charAt(i - 1) == '[') {
                    quote = c;
                }
                out.append(c);
            } else if (c == '\\') {
                if (i + 1 < path.length() && path.charAt(i + 1) == quote) {
                    out.append(c).append(quote);
                    i++;
                } else {
                    out.append("\\\\");
                }
            } else {
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Is {@code path} definite (selects at most one node)? */
    static boolean isDefinite(String path) {
        String jayway = path.startsWith("$$") ? path.substring(1) : path;
        if (jayway.equals("$")) {
            return true;
        }
        try {
            return JsonPath.compile(jayway).isDefinite();
        } catch (InvalidPathException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Writes {@code value} at a reference path ({@code $}, {@code $.a.b}, {@code $['a'][0]}) into a
     * copy of {@code document}, creating objects on the way; the shape ResultPath needs.
     */
    static JsonNode write(String path, JsonNode document, JsonNode value) throws NoMatch {
        List<Object> steps = referenceSteps(path);
        if (steps.isEmpty()) {
            return value;
        }
        JsonNode root = document.deepCopy();
        if (!root.isContainerNode()) {
            throw new NoMatch("Unable to apply ResultPath '" + path + "' to input " + Json.text(document));
        }
        JsonNode at = root;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof String field) {
                if (!(at instanceof ObjectNode object)) {
                    throw new NoMatch("Unable to apply ResultPath '" + path + "' to input " + Json.text(document));
                }
                if (last) {
                    object.set(field, value);
                } else {
                    JsonNode child = object.get(field);
                    if (child == null || !child.isContainerNode()) {
                        child = Json.object();
                        object.set(field, child);
                    }
                    at = child;
                }
            } else {
                int index = (Integer) step;
                if (!(at instanceof ArrayNode array) || index >= array.size()) {
                    throw new NoMatch("Unable to apply ResultPath '" + path + "' to input " + Json.text(document));
                }
                if (last) {
                    array.set(index, value);
                } else {
                    at = array.get(index);
                }
            }
        }
        return root;
    }

    /** Is this a reference path (definite, names and indices only)? */
    static boolean isReferencePath(String path) {
        try {
            referenceSteps(path);
            return true;
        } catch (NoMatch e) {
            return false;
        }
    }

    private static List<Object> referenceSteps(String path) throws NoMatch {
        if (path == null || !path.startsWith("$") || path.startsWith("$$")) {
            throw new NoMatch("Invalid reference path '" + path + "'");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') {
                    i++;
                }
                String name = path.substring(start, i);
                if (name.isEmpty() || name.equals("*") || name.contains("..")) {
                    throw new NoMatch("Invalid reference path '" + path + "'");
                }
                steps.add(name);
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new NoMatch("Invalid reference path '" + path + "'");
                }
                String inside = path.substring(i + 1, close).trim();
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(inside.substring(1, inside.length() - 1));
                } else if (inside.matches("[0-9]+")) {
                    steps.add(Integer.parseInt(inside));
                } else {
                    throw new NoMatch("Invalid reference path '" + path + "'");
                }
                i = close + 1;
            } else {
                throw new NoMatch("Invalid reference path '" + path + "'");
            }
        }
        return steps;
    }
}
