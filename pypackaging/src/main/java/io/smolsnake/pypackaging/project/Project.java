package io.smolsnake.pypackaging.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Everything a lock is made from, whatever the inputs were: the requirements and constraints
 * (as text, see {@link RequirementLine#parse}), the index options, {@code requires-python}, the
 * target settings from {@code [tool.smolsnake]}, and the files read.
 *
 * <h2>Which inputs {@link #load} uses</h2>
 *
 * <ol>
 *   <li>Requirement files given by the caller ({@code -r}), if any: only those. Relative paths are
 *       relative to the project directory.
 *   <li>Otherwise {@code [tool.smolsnake].requirements} in {@code pyproject.toml} (a file name or a
 *       list of them, relative to the project directory), if set.
 *   <li>Otherwise {@code [project].dependencies} (plus the selected extras) when
 *       {@code pyproject.toml} has a {@code [project]} table whose dependencies are not dynamic —
 *       even when a {@code requirements.txt} sits beside it: the project's metadata is the source
 *       of truth, and the lock is where versions get pinned.
 *   <li>Otherwise {@code requirements.txt} in the project directory (this is also the answer for a
 *       {@code pyproject.toml} that only configures tools, or declares its dependencies dynamic).
 *   <li>Otherwise there are no inputs, which is an error.
 * </ol>
 *
 * {@code pyproject.toml}, when present, always provides {@code requires-python} and the settings.
 * Extras select {@code [project.optional-dependencies]}, so they are an error when the
 * requirements come from requirements files.
 */
public record Project(Path dir, List<RequirementLine> requirements, List<RequirementLine> constraints,
        IndexOptions index, RequiresPython requiresPython, ProjectSettings settings, List<Path> inputs) {

    public static final String PYPROJECT = "pyproject.toml";
    public static final String REQUIREMENTS = "requirements.txt";

    public Project {
        requirements = List.copyOf(requirements);
        constraints = List.copyOf(constraints);
        inputs = List.copyOf(inputs);
    }

    /**
     * Loads the project in {@code dir} from the file system, expanding {@code ${VAR}} in
     * requirements files from the process environment. See the class comment for which inputs win.
     *
     * @param requirementFiles requirements files given explicitly (may be empty)
     * @param extras extras of {@code [project.optional-dependencies]} to include (may be empty)
     * @throws ProjectInputException naming the file and where in it for any bad input
     */
    public static Project load(Path dir, List<Path> requirementFiles, List<String> extras) {
        return load(dir, requirementFiles, extras, System.getenv(),
                f -> Files.readString(f, StandardCharsets.UTF_8));
    }

    /** {@link #load(Path, List, List)} with an explicit environment and file loader. */
    public static Project load(Path dir, List<Path> requirementFiles, List<String> extras, Map<String, String> env,
            RequirementsTxt.Loader loader) {
        List<Path> inputs = new ArrayList<>();
        Path pyprojectFile = dir.resolve(PYPROJECT);
        PyprojectToml pyproject = null;
        String pyprojectText = read(loader, pyprojectFile);
        if (pyprojectText != null) {
            pyproject = PyprojectToml.parse(pyprojectText, pyprojectFile);
            inputs.add(pyprojectFile);
        }
        ProjectSettings settings = pyproject == null ? ProjectSettings.NONE : pyproject.settings();
        RequiresPython requiresPython = pyproject == null ? null : pyproject.requiresPython();

        List<Path> files = new ArrayList<>();
        String from = null;
        if (!requirementFiles.isEmpty()) {
            requirementFiles.forEach(f -> files.add(dir.resolve(f)));
            from = "requirement files were given";
        } else if (!settings.requirements().isEmpty()) {
            settings.requirements().forEach(f -> files.add(dir.resolve(f)));
            from = "tool.smolsnake.requirements names requirement files";
        } else if (pyproject != null && pyproject.hasProject() && !pyproject.dynamicDependencies()) {
            List<RequirementLine> deps = pyproject.dependencies(extras);
            return new Project(dir, deps, List.of(), IndexOptions.NONE, requiresPython, settings, inputs);
        } else if (read(loader, dir.resolve(REQUIREMENTS)) != null) {
            files.add(dir.resolve(REQUIREMENTS));
            from = "the requirements come from " + REQUIREMENTS;
        } else {
            String reason = pyproject != null && pyproject.dynamicDependencies()
                    ? "project.dependencies is dynamic and there is no " + REQUIREMENTS
                            + "; list the dependencies in pyproject.toml or in " + REQUIREMENTS
                    : "no inputs: expected " + PYPROJECT + " with a [project] table, or " + REQUIREMENTS;
            throw new ProjectInputException(ProjectInputException.Problem.key(dir, null, reason));
        }
        if (!extras.isEmpty()) {
            throw new ProjectInputException(ProjectInputException.Problem.key(dir, null, "extras ("
                    + String.join(", ", extras) + ") select [project.optional-dependencies] in " + PYPROJECT
                    + ", but " + from));
        }
        RequirementsFile r = RequirementsTxt.read(files, env, loader);
        inputs.addAll(r.files());
        return new Project(dir, r.requirements(), r.constraints(), r.options(), requiresPython, settings, inputs);
    }

    /**
     * A sha256 (64 hex digits) of what the lock depends on: requirements, constraints, index
     * options, requires-python and the target runtime and arch; not where they were written. A lock
     * records it under {@code [tool.smolsnake]} so that a stale lock can be told.
     */
    public String inputsDigest() {
        StringBuilder canonical = new StringBuilder();
        for (RequirementLine r : requirements) {
            canonical.append("requirement\0").append(line(r, dir)).append('\n');
        }
        for (RequirementLine r : constraints) {
            canonical.append("constraint\0").append(line(r, dir)).append('\n');
        }
        canonical.append("index\0").append(index).append('\n');
        canonical.append("requires-python\0").append(requiresPython == null ? "" : requiresPython.specifiers());
        canonical.append("\nruntime\0").append(settings.runtime()).append("\narch\0").append(settings.arch());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String line(RequirementLine r, Path dir) {
        String local = "";
        if (r.localPath() != null) {
            Path p = r.localPath();
            local = (p.isAbsolute() == dir.isAbsolute() ? dir.relativize(p) : p).toString().replace('\\', '/');
        }
        return r.kind() + "\0" + r.editable() + "\0" + r.text() + "\0" + String.join(",", r.hashes()) + "\0"
                + local;
    }

    private static String read(RequirementsTxt.Loader loader, Path file) {
        try {
            return loader.load(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ProjectInputException(ProjectInputException.Problem.key(file, null,
                    "cannot read (" + RequirementsTxt.describe(e) + ")"));
        }
    }
}
