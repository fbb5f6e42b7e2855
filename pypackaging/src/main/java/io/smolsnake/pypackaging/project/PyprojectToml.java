package io.smolsnake.pypackaging.project;

import static io.smolsnake.pypackaging.Toml.kind;

import io.smolsnake.pypackaging.Toml;
import io.smolsnake.pypackaging.name.PackageName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What smolsnake reads from a {@code pyproject.toml}: {@code [project].dependencies},
 * {@code [project.optional-dependencies]}, {@code [project].requires-python} and
 * {@code [tool.smolsnake]}. Everything else in the file is ignored.
 *
 * @param hasProject whether the file has a {@code [project]} table
 * @param dynamicDependencies whether {@code project.dynamic} lists {@code dependencies} (so they
 *     are not in the file)
 * @param optionalDependencies extra name (as written) to its requirements, in file order
 * @param requiresPython null when absent
 */
public record PyprojectToml(Path file, boolean hasProject, List<RequirementLine> dependencies,
        boolean dynamicDependencies, Map<String, List<RequirementLine>> optionalDependencies,
        RequiresPython requiresPython, ProjectSettings settings) {

    private static final Pattern RUNTIME = Pattern.compile("python3\\.\\d+|host");

    public PyprojectToml {
        dependencies = List.copyOf(dependencies);
        optionalDependencies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optionalDependencies));
    }

    /**
     * Reads the parts smolsnake uses, collecting every problem before failing.
     *
     * @throws ProjectInputException naming the file and key of each problem
     */
    public static PyprojectToml parse(String text, Path file) {
        return new Reader(file).read(text);
    }

    /**
     * {@code [project].dependencies} followed by those of each of {@code extras}, which are
     * compared by their normalised names (PEP 685).
     *
     * @throws ProjectInputException when an extra is not defined
     */
    public List<RequirementLine> dependencies(List<String> extras) {
        List<RequirementLine> out = new ArrayList<>(dependencies);
        for (String extra : extras) {
            List<RequirementLine> found = null;
            for (Map.Entry<String, List<RequirementLine>> e : optionalDependencies.entrySet()) {
                if (PackageName.canonicalize(e.getKey()).equals(PackageName.canonicalize(extra))) {
                    found = e.getValue();
                }
            }
            if (found == null) {
                throw new ProjectInputException(ProjectInputException.Problem.key(file,
                        "project.optional-dependencies", "no extra '" + extra + "' is defined"
                                + (optionalDependencies.isEmpty() ? ""
                                        : " (defined: " + String.join(", ", optionalDependencies.keySet()) + ")")));
            }
            out.addAll(found);
        }
        return out;
    }

    private static final class Reader {
        private final Path file;
        private final List<ProjectInputException.Problem> problems = new ArrayList<>();

        Reader(Path file) {
            this.file = file;
        }

        PyprojectToml read(String text) {
            String source = text == null ? "" : text;
            Map<String, Object> root;
            try {
                root = Toml.parse(source);
            } catch (Toml.TomlException e) {
                String[] lines = source.split("\r?\n", -1);
                int line = e.line();
                int column = e.column();
                String excerpt = line <= lines.length ? lines[line - 1] : null;
                throw new ProjectInputException(new ProjectInputException.Problem(file, line, column, null,
                        "invalid TOML: " + e.reason(), excerpt, column - 1, column));
            }
            Object projectValue = root.get("project");
            boolean hasProject = projectValue != null;
            Map<?, ?> project = null;
            if (projectValue instanceof Map<?, ?> m) {
                project = m;
            } else if (projectValue != null) {
                problem("project", "expected a table, found " + kind(projectValue));
            }
            List<RequirementLine> dependencies = List.of();
            Map<String, List<RequirementLine>> optional = new LinkedHashMap<>();
            RequiresPython requiresPython = null;
            boolean dynamic = false;
            if (project != null) {
                dependencies = requirements(project.get("dependencies"), "project.dependencies");
                Object extras = project.get("optional-dependencies");
                if (extras != null && !(extras instanceof Map<?, ?>)) {
                    problem("project.optional-dependencies", "expected a table, found " + kind(extras));
                } else if (extras != null) {
                    ((Map<?, ?>) extras).forEach((name, value) -> {
                        String extra = (String) name;
                        String key = "project.optional-dependencies." + extra;
                        if (!PackageName.isValid(extra)) {
                            problem(key, "'" + extra + "' is not a valid extra name");
                        }
                        optional.put(extra, requirements(value, key));
                    });
                }
                Object rp = project.get("requires-python");
                if (rp != null && !(rp instanceof String)) {
                    problem("project.requires-python", "expected a string, found " + kind(rp));
                } else if (rp != null) {
                    requiresPython = new RequiresPython((String) rp, Origin.key(file, "project.requires-python"));
                }
                if (project.get("dynamic") instanceof List<?> dyn) {
                    dynamic = dyn.contains("dependencies");
                }
                if (dynamic && project.containsKey("dependencies")) {
                    problem("project.dynamic", "lists 'dependencies', which are also given in project.dependencies");
                }
            }
            Object tool = root.get("tool");
            ProjectSettings settings = settings(tool instanceof Map<?, ?> t ? t.get("smolsnake") : null);
            if (!problems.isEmpty()) {
                throw new ProjectInputException(problems);
            }
            return new PyprojectToml(file, hasProject, dependencies, dynamic, optional, requiresPython, settings);
        }

        private List<RequirementLine> requirements(Object value, String key) {
            List<RequirementLine> out = new ArrayList<>();
            if (value == null) {
                return out;
            }
            if (!(value instanceof List<?> list)) {
                problem(key, "expected an array of requirement strings, found " + kind(value));
                return out;
            }
            for (int i = 0; i < list.size(); i++) {
                String at = key + "[" + i + "]";
                if (list.get(i) instanceof String s) {
                    out.add(RequirementLine.named(s, Origin.key(file, at)));
                } else {
                    problem(at, "expected a requirement string, found " + kind(list.get(i)));
                }
            }
            return out;
        }

        private ProjectSettings settings(Object value) {
            if (value == null) {
                return ProjectSettings.NONE;
            }
            if (!(value instanceof Map<?, ?> t)) {
                problem("tool.smolsnake", "expected a table, found " + kind(value));
                return ProjectSettings.NONE;
            }
            String runtime = string(t, "runtime");
            if (runtime != null && !RUNTIME.matcher(runtime).matches()) {
                problem("tool.smolsnake.runtime", "expected a Lambda runtime like \"python3.12\" (or \"host\"), found \""
                        + runtime + "\"");
            }
            String arch = string(t, "arch");
            if (arch != null && !arch.equals("x86_64") && !arch.equals("arm64")) {
                problem("tool.smolsnake.arch", "expected \"x86_64\" or \"arm64\", found \"" + arch + "\"");
            }
            String handler = string(t, "handler");
            if (handler != null && !handler.contains(".")) {
                problem("tool.smolsnake.handler", "expected module.function (like \"app.handler\"), found \""
                        + handler + "\"");
            }
            List<String> requirements = new ArrayList<>();
            Object r = t.get("requirements");
            if (r instanceof String s) {
                requirements.add(s);
            } else if (r instanceof List<?> list && list.stream().allMatch(x -> x instanceof String)) {
                list.forEach(x -> requirements.add((String) x));
            } else if (r != null) {
                problem("tool.smolsnake.requirements", "expected a file name or an array of them, found " + kind(r));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> all = (Map<String, Object>) t;
            return new ProjectSettings(runtime, arch, handler, requirements, all);
        }

        private String string(Map<?, ?> t, String key) {
            Object n = t.get(key);
            if (n == null) {
                return null;
            }
            if (!(n instanceof String s)) {
                problem("tool.smolsnake." + key, "expected a string, found " + kind(n));
                return null;
            }
            return s;
        }

        private void problem(String key, String reason) {
            problems.add(ProjectInputException.Problem.key(file, key, reason));
        }
    }

}
