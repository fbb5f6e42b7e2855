package io.smolsnake.pypackaging.project;

import java.nio.file.Path;
import java.util.List;

/**
 * What one requirements file says, with the files it includes ({@code -r}) and the constraint
 * files it names ({@code -c}) read in: requirements and constraints in file order, the index
 * options (later lines override earlier {@code --index-url}), and every file read.
 */
public record RequirementsFile(List<RequirementLine> requirements, List<RequirementLine> constraints,
        IndexOptions options, List<Path> files) {
    public RequirementsFile {
        requirements = List.copyOf(requirements);
        constraints = List.copyOf(constraints);
        files = List.copyOf(files);
    }
}
