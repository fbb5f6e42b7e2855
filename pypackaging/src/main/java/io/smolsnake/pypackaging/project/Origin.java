package io.smolsnake.pypackaging.project;

import java.nio.file.Path;

/**
 * Where an input came from: a file, a 1-based line and column for a requirements file (0 when
 * unknown), or a TOML key path ({@code project.dependencies[2]}) for {@code pyproject.toml}.
 * {@code source} is the physical line as written (for carets), or null.
 */
public record Origin(Path file, int line, int column, String key, String source) {
    /** A requirements-file position. */
    public static Origin line(Path file, int line, int column, String source) {
        return new Origin(file, line, column, null, source);
    }

    /** A TOML key in {@code file}. */
    public static Origin key(Path file, String key) {
        return new Origin(file, 0, 0, key, null);
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + ":" + column : "") + (key != null ? ": " + key : "");
    }
}
