package io.smolsnake.pypackaging.index;

import io.smolsnake.pypackaging.name.PackageName;
import java.util.List;
import java.util.Objects;

/**
 * Everything the configured sources answered for one project.
 *
 * @param name the project
 * @param lookups each asked source's answer, in source order
 */
public record ProjectCandidates(PackageName name, List<ProjectLookup> lookups) {
    public ProjectCandidates {
        Objects.requireNonNull(name, "name");
        lookups = List.copyOf(lookups);
    }

    /** The pages of the sources that found the project. */
    public List<ProjectPage> pages() {
        return lookups.stream()
                .filter(ProjectLookup.Found.class::isInstance)
                .map(l -> ((ProjectLookup.Found) l).page())
                .toList();
    }

    /** Every file from every source that found the project, in source order. */
    public List<ProjectFile> files() {
        return pages().stream().flatMap(p -> p.files().stream()).toList();
    }

    /** Whether no source that answered knows the project. */
    public boolean notFound() {
        return pages().isEmpty();
    }

    /** One line for each source that could not be read. */
    public List<String> warnings() {
        return lookups.stream()
                .filter(ProjectLookup.Unreachable.class::isInstance)
                .map(l -> ((ProjectLookup.Unreachable) l).warning())
                .toList();
    }
}
