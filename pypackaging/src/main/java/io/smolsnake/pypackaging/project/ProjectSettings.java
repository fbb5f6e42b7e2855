package io.smolsnake.pypackaging.project;

import java.util.List;
import java.util.Map;

/**
 * The project's {@code [tool.smolsnake]} table: the Lambda {@code runtime} ({@code python3.12} or
 * {@code host}), the {@code arch} ({@code x86_64} or {@code arm64}), the function's
 * {@code handler} ({@code app.handler}), the {@code requirements} files to lock from instead of
 * {@code [project].dependencies}, and the whole table as plain values ({@code all}) for settings
 * added later. Absent settings are null (or empty).
 */
public record ProjectSettings(String runtime, String arch, String handler, List<String> requirements,
        Map<String, Object> all) {
    /** No {@code [tool.smolsnake]} table. */
    public static final ProjectSettings NONE = new ProjectSettings(null, null, null, List.of(), Map.of());

    public ProjectSettings {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        all = all == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(all));
    }
}
