package io.smolsnake.core.store;

import io.smolsnake.pypackaging.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    // written and read without jackson-databind: building an ObjectMapper cost every install ~80 ms
    // before its first wheel (its date and locale set-up), for two small files
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
        StringBuilder out = new StringBuilder(256).append("{\n");
        field(out, "format").append(FORMAT).append(",\n");
        string(out, "name", marker.key().name().normalized());
        string(out, "version", marker.key().version().toString());
        string(out, "sha256", marker.key().sha256());
        string(out, "platform", marker.key().platform());
        field(out, "files").append(marker.files()).append(",\n");
        field(out, "bytes").append(marker.bytes()).append(",\n");
        field(out, "compiled").append(marker.compiled()).append(",\n");
        field(out, "schemeDirectories").append('[');
        for (int i = 0; i < marker.schemeDirectories().size(); i++) {
            Json.appendString(out.append(i == 0 ? " " : ", "), marker.schemeDirectories().get(i));
        }
        out.append(" ]\n}");
        write(entry.resolve(ENTRY), out);
    }

    /** The marker of a complete entry for {@code key}, or empty when {@code entry} is not one. */
    static Optional<Entry> readEntry(Path entry, StoreKey key) {
        Map<?, ?> n = read(entry.resolve(ENTRY));
        if (n == null || !key.sha256().equals(n.get("sha256"))) {
            return Optional.empty();
        }
        List<String> schemes = Entry.ALL_SCHEME_DIRECTORIES;
        if (n.get("schemeDirectories") instanceof List<?> list) {
            List<String> recorded = new ArrayList<>();
            list.forEach(d -> recorded.add(String.valueOf(d)));
            schemes = recorded;
        }
        return Optional.of(new Entry(key, number(n, "files"), number(n, "bytes"),
                Boolean.TRUE.equals(n.get("compiled")), schemes));
    }

    static void writeEnvironment(Path environment, Environment marker) throws IOException {
        StringBuilder out = new StringBuilder(512).append("{\n");
        field(out, "format").append(FORMAT).append(",\n");
        string(out, "digest", marker.digest());
        string(out, "platform", marker.platform());
        string(out, "layout", marker.layout().name());
        field(out, "entries").append('[');
        for (int i = 0; i < marker.entries().size(); i++) {
            StoreKey key = marker.entries().get(i);
            out.append(i == 0 ? " {\n" : ", {\n");
            out.append("    ");
            Json.appendString(out, "name").append(" : ");
            Json.appendString(out, key.name().normalized()).append(",\n    ");
            Json.appendString(out, "version").append(" : ");
            Json.appendString(out, key.version().toString()).append(",\n    ");
            Json.appendString(out, "sha256").append(" : ");
            Json.appendString(out, key.sha256()).append("\n  }");
        }
        out.append(" ],\n");
        field(out, "files").append(marker.files()).append(",\n");
        field(out, "directories").append(marker.directories()).append(",\n");
        field(out, "linked").append(marker.linked()).append(",\n");
        field(out, "copied").append(marker.copied()).append(",\n");
        field(out, "shared").append(marker.shared()).append("\n}");
        write(environment.resolve(ENVIRONMENT), out);
    }

    /** The counts of a complete environment, or empty when {@code environment} is not one. */
    static Optional<Environment> readEnvironment(Path environment, String digest, String platform, EnvLayout layout,
            List<StoreKey> entries) {
        Map<?, ?> n = read(environment.resolve(ENVIRONMENT));
        if (n == null || !digest.equals(n.get("digest"))) {
            return Optional.empty();
        }
        return Optional.of(new Environment(digest, platform, layout, entries, number(n, "files"),
                number(n, "directories"), number(n, "linked"), number(n, "copied"), number(n, "shared")));
    }

    private static StringBuilder field(StringBuilder out, String name) {
        return Json.appendString(out.append("  "), name).append(" : ");
    }

    private static void string(StringBuilder out, String name, String value) {
        Json.appendString(field(out, name), value).append(",\n");
    }

    /** A whole number field, 0 when absent or not a number (as Jackson's {@code asLong} read it). */
    private static long number(Map<?, ?> n, String name) {
        return n.get(name) instanceof Long l ? l : n.get(name) instanceof Number x ? x.longValue() : 0;
    }

    private static void write(Path file, StringBuilder json) throws IOException {
        Files.write(file, json.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    /** The marker's JSON object, or null when there is none or it is not one. */
    private static Map<?, ?> read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return Json.parse(Files.readString(file, StandardCharsets.UTF_8)) instanceof Map<?, ?> m ? m : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
