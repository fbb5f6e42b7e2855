package io.smolsnake.pypackaging.index;

import io.smolsnake.pypackaging.name.PackageName;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What one source lists for one project.
 *
 * @param name the project
 * @param url where the list came from (the project page, or the find-links location)
 * @param files the files, in the order the source listed them
 */
public record ProjectPage(PackageName name, URI url, List<ProjectFile> files) {
    public ProjectPage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        files = List.copyOf(files);
    }
}
