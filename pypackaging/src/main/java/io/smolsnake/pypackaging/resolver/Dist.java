package io.smolsnake.pypackaging.resolver;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.tags.Tag;
import io.smolsnake.pypackaging.version.Version;
import java.util.Objects;
import java.util.Set;

/**
 * One file of a project as the resolver sees it: a wheel (with its tags) or a source
 * distribution, with what the index says about it.
 *
 * @param requiresPython the index's {@code requires-python} for the file, or null when not given
 * @param handle what the {@link PackageSource} needs to fetch the file or its metadata
 */
public record Dist(PackageName name, Version version, String filename, boolean wheel, Set<Tag> tags,
        String requiresPython, boolean yanked, Object handle) {
    public Dist {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(filename, "filename");
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }
}
