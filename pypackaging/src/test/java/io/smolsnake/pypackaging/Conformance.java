package io.smolsnake.pypackaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reads the shared conformance vectors ({@code ../shared/conformance}, see its README). Where the
 * directory is absent (a user's clone without {@code shared/}), the calling test is skipped with
 * a printed reason; CI always has it.
 */
public final class Conformance {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Conformance() {}

    /** The conformance directory, or a skipped test when it is absent. */
    public static Path dir() {
        String configured = System.getProperty("smolsnake.conformance.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "conformance");
        if (!Files.isDirectory(dir)) {
            String reason = "conformance vectors not found at " + dir.toAbsolutePath().normalize()
                    + " (they live in ../shared/conformance beside the checkout); skipping";
            System.err.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        return dir;
    }

    /** A JSON file under the conformance directory, e.g. {@code packaging/versions.json}. */
    public static JsonNode read(String relative) {
        try {
            return JSON.readTree(dir().resolve(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One argument per element of an array in a conformance file, named by {@code label}. */
    public static Stream<Arguments> cases(String relative, String key) {
        JsonNode array = read(relative).get(key);
        if (array == null || !array.isArray()) {
            throw new IllegalStateException(relative + " has no array '" + key + "'");
        }
        List<Arguments> out = new ArrayList<>();
        array.forEach(node -> out.add(Arguments.of(node)));
        return out.stream();
    }
}
