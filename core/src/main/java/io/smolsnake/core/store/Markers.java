package io.smolsnake.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The completion markers: a small JSON file written inside a store entry or an environment just
 * before it is published, so a published directory always says what it holds.
 */
final class Markers {
    /** Inside a store entry. */
    static final String ENTRY = ".smolsnake-entry.json";
    /** Inside an environment. */
    static final String ENVIRONMENT = ".smolsnake-env.json";
    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Markers() {}

    /**
     * What an entry's marker records.
     *
     * @param schemeDirectories the entry's top-level directories holding scripts, headers or data
     *     rather than library files (entries marked before this was recorded: all three names)
     */
    record Entry(StoreKey key, long files, long bytes, boolean compiled, List<String> schemeDirectories) {
        /** What entries marked before the scheme directories were recorded hold. */
        static final List<String> ALL_SCHEME_DIRECTORIES = List.of("bin", "data", "include");

        Entry {
            schemeDirectories = List.copyOf(schemeDirectories);
        }
    }

    /** What an environment's marker records. */
    record Environment(String digest, String platform, EnvLayout layout, List<StoreKey> entries, long files,
            long directories, long linked, long copied, long shared) {}

    static void writeEntry(Path entry, Entry marker) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("name", marker.key().name().normalized());
        node.put("version", marker.key().version().toString());
        node.put("sha256", marker.key().sha256());
        node.put("platform", marker.key().platform());
        node.put("files", marker.files());
        node.put("bytes", marker.bytes());
        node.put("compiled", marker.compiled());
        ArrayNode schemes = node.putArray("schemeDirectories");
        marker.schemeDirectories().forEach(schemes::add);
        write(entry.resolve(ENTRY), node);
    }

    /** The marker of a complete entry for {@code key}, or empty when {@code entry} is not one. */
    static Optional<Entry> readEntry(Path entry, StoreKey key) {
        Optional<JsonNode> node = read(entry.resolve(ENTRY));
        if (node.isEmpty() || !key.sha256().equals(node.get().path("sha256").asText())) {
            return Optional.empty();
        }
        JsonNode n = node.get();
        List<String> schemes = Entry.ALL_SCHEME_DIRECTORIES;
        if (n.path("schemeDirectories").isArray()) {
            List<String> recorded = new java.util.ArrayList<>();
            n.path("schemeDirectories").forEach(d -> recorded.add(d.asText()));
            schemes = recorded;
        }
        return Optional.of(new Entry(key, n.path("files").asLong(), n.path("bytes").asLong(),
                n.path("compiled").asBoolean(), schemes));
    }

    static void writeEnvironment(Path environment, Environment marker) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("digest", marker.digest());
        node.put("platform", marker.platform());
        node.put("layout", marker.layout().name());
        ArrayNode entries = node.putArray("entries");
        for (StoreKey key : marker.entries()) {
            entries.addObject().put("name", key.name().normalized()).put("version", key.version().toString())
                    .put("sha256", key.sha256());
        }
        node.put("files", marker.files());
        node.put("directories", marker.directories());
        node.put("linked", marker.linked());
        node.put("copied", marker.copied());
        node.put("shared", marker.shared());
        write(environment.resolve(ENVIRONMENT), node);
    }

    /** The counts of a complete environment, or empty when {@code environment} is not one. */
    static Optional<Environment> readEnvironment(Path environment, String digest, String platform, EnvLayout layout,
            List<StoreKey> entries) {
        Optional<JsonNode> node = read(environment.resolve(ENVIRONMENT));
        if (node.isEmpty() || !digest.equals(node.get().path("digest").asText())) {
            return Optional.empty();
        }
        JsonNode n = node.get();
        return Optional.of(new Environment(digest, platform, layout, entries, n.path("files").asLong(),
                n.path("directories").asLong(), n.path("linked").asLong(), n.path("copied").asLong(),
                n.path("shared").asLong()));
    }

    private static void write(Path file, ObjectNode node) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(node), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private static Optional<JsonNode> read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
