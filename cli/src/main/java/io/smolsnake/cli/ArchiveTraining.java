package io.smolsnake.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads, without initialising them, the classes a command may need on another run, while
 * {@code bin/smolsnake} records the command's class-data archive ({@code -Dsmolsnake.cds.record}):
 * the archive then holds them all, not only those of the run it was recorded in, and a later run
 * whose path differs (a constraints file, a remembered resolution, a Lambda target) maps them
 * instead of opening the 48 MB jar and parsing them (~20 ms of a 0.15 s lock).
 */
final class ArchiveTraining {
    private ArchiveTraining() {}

    /** The packages each command's archive is given in full. */
    static List<String> packagesFor(String command) {
        return switch (command) {
            case "lock", "tags" -> List.of("io/smolsnake/pypackaging/", "io/smolsnake/cli/");
            case "install", "run" -> List.of("io/smolsnake/pypackaging/", "io/smolsnake/core/", "io/smolsnake/cli/");
            default -> List.of();
        };
    }

    /** Loads every class of {@link #packagesFor command}'s packages from the jar Main came from; quietly. */
    static int load(String command) {
        List<String> packages = packagesFor(command);
        Path jar = jar();
        if (packages.isEmpty() || jar == null) {
            return 0;
        }
        ClassLoader loader = ArchiveTraining.class.getClassLoader();
        int loaded = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || packages.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class that cannot load is left out of the archive, as it would be of any run
                }
            }
        } catch (IOException e) {
            // no archive training: the archive holds what the run loaded
        }
        return loaded;
    }

    private static Path jar() {
        try {
            CodeSource source = Main.class.getProtectionDomain().getCodeSource();
            Path where = source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
            return where != null && Files.isRegularFile(where) ? where : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
