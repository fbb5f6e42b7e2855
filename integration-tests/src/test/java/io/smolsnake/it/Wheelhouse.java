package io.smolsnake.it;

import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.pypackaging.wheel.WheelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generated pure-Python wheels in one directory, each with a top-level module of the package's
 * name holding {@code VERSION}: served as pip's find-links, or as a PEP 503 simple index of
 * {@code file:} URLs with {@code #sha256=} fragments (find-links carries no hashes).
 */
final class Wheelhouse {
    private final Path dir;
    private final Map<String, List<Path>> wheels = new TreeMap<>();

    Wheelhouse(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    /** A wheel {@code name-version-py3-none-any.whl} with module {@code name} and these Requires-Dist lines. */
    Path add(String name, String version, String... requires) {
        return add(name, version, false, requires);
    }

    /**
     * As {@link #add(String, String, String...)}, and with {@code script}, a console script {@code
     * name-cli} (entry_points.txt), which an install writes as a launcher under the entry's bin/.
     */
    Path add(String name, String version, boolean script, String... requires) {
        StringBuilder metadata = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        for (String r : requires) {
            metadata.append("Requires-Dist: ").append(r).append('\n');
        }
        metadata.append("\nA generated test wheel.\n");
        try {
            WheelBuilder builder = WheelBuilder.wheel(name, version)
                    .file(module(name) + "/__init__.py", "VERSION = \"" + version + "\"\n")
                    .metadata(metadata.toString());
            if (script) {
                builder.file(module(name) + "-" + version + ".dist-info/entry_points.txt",
                        "[console_scripts]\n" + name + "-cli = " + module(name) + ":main\n");
            }
            Path wheel = builder.build(dir);
            wheels.computeIfAbsent(name, k -> new ArrayList<>()).add(wheel);
            return wheel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces a wheel's file with a valid wheel of the same name, metadata and size whose module
     * says its version reversed: what a mirror serving altered bytes looks like.
     *
     * @return the original bytes, to repair it with
     */
    byte[] tamper(Path wheel) throws IOException {
        byte[] original = Files.readAllBytes(wheel);
        Path tmp = Files.createTempDirectory(dir.getParent(), "tampered");
        try (var zip = new java.util.zip.ZipFile(wheel.toFile())) {
            String[] parts = wheel.getFileName().toString().split("-");
            String name = parts[0];
            String version = parts[1];
            String metadata = new String(zip.getInputStream(zip.getEntry(name + "-" + version + ".dist-info/METADATA"))
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Path tampered = WheelBuilder.wheel(name, version)
                    .file(name + "/__init__.py", "VERSION = \"" + new StringBuilder(version).reverse() + "\"\n")
                    .metadata(metadata).build(tmp);
            if (Files.size(tampered) != original.length) {
                throw new IllegalStateException("the tampered copy of " + wheel + " has another size");
            }
            Files.copy(tampered, wheel, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return original;
    }

    static String module(String name) {
        return name.replace('-', '_');
    }

    /** pip's settings for these wheels only: no configuration files, no index, this directory as find-links. */
    Map<String, String> findLinksEnv() {
        return Map.of("PIP_CONFIG_FILE", "/dev/null", "PIP_NO_INDEX", "1", "PIP_FIND_LINKS", dir.toString());
    }

    PipConfig findLinks(Path home) {
        return PipConfig.load(findLinksEnv(), home);
    }

    /**
     * Writes a PEP 503 simple index under {@code root} whose links carry each wheel's sha256 as it
     * is now, and returns pip's settings for it.
     */
    Map<String, String> simpleIndex(Path root) {
        try {
            StringBuilder projects = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
            for (var entry : wheels.entrySet()) {
                String project = entry.getKey().toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
                projects.append("<a href=\"").append(project).append("/\">").append(project).append("</a>\n");
                StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
                for (Path wheel : entry.getValue()) {
                    page.append("<a href=\"").append(wheel.toUri()).append("#sha256=")
                            .append(WheelBuilder.sha256(wheel)).append("\">").append(wheel.getFileName()).append("</a>\n");
                }
                Files.createDirectories(root.resolve(project));
                Files.writeString(root.resolve(project).resolve("index.html"), page + "</body></html>\n");
            }
            Files.writeString(root.resolve("index.html"), projects + "</body></html>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("PIP_CONFIG_FILE", "/dev/null", "PIP_INDEX_URL", root.toUri().toString());
    }
}
