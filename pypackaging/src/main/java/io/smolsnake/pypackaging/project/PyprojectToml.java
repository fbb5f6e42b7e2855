package io.smolsnake.pypackaging.project;

import static io.smolsnake.pypackaging.TomlNodes.kind;
import static io.smolsnake.pypackaging.TomlNodes.plain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
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

    private static final TomlMapper TOML = TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();
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
            JsonNode root;
            try {
                root = TOML.readTree(text == null ? "" : text);
            } catch (JsonProcessingException e) {
                var at = e.getLocation();
                String[] lines = (text == null ? "" : text).split("\r\n|\r|\n", -1);
                int line = at == null ? 0 : at.getLineNr();
                int column = at == null ? 0 : Math.max(1, at.getColumnNr());
                // the TOML parser reports some errors (a duplicate key, end of file) on the next line
                while (line > 1 && (line > lines.length || lines[line - 1].isBlank())) {
                    line--;
                    column = lines[line - 1].length() + 1;
                }
                String excerpt = line >= 1 && line <= lines.length ? lines[line - 1] : null;
                throw new ProjectInputException(new ProjectInputException.Problem(file, line, column, null,
                        "invalid TOML: " + e.getOriginalMessage(), excerpt, column - 1, column));
            }
            JsonNode project = root.get("project");
            boolean hasProject = project != null;
            if (project != null && !project.isObject()) {
                problem("project", "expected a table, found " + kind(project));
                project = null;
            }
            List<RequirementLine> dependencies = List.of();
            Map<String, List<RequirementLine>> optional = new LinkedHashMap<>();
            RequiresPython requiresPython = null;
            boolean dynamic = false;
            if (project != null) {
                dependencies = requirements(project.get("dependencies"), "project.dependencies");
                JsonNode extras = project.get("optional-dependencies");
                if (extras != null && !extras.isObject()) {
                    problem("project.optional-dependencies", "expected a table, found " + kind(extras));
                } else if (extras != null) {
                    extras.properties().forEach(e -> {
                        String key = "project.optional-dependencies." + e.getKey();
                        if (!PackageName.isValid(e.getKey())) {
                            problem(key, "'" + e.getKey() + "' is not a valid extra name");
                        }
                        optional.put(e.getKey(), requirements(e.getValue(), key));
                    });
                }
                JsonNode rp = project.get("requires-python");
                if (rp != null && !rp.isTextual()) {
                    problem("project.requires-python", "expected a string, found " + kind(rp));
                } else if (rp != null) {
                    requiresPython = new RequiresPython(rp.asText(), Origin.key(file, "project.requires-python"));
                }
                JsonNode dyn = project.get("dynamic");
                if (dyn != null && dyn.isArray()) {
                    for (JsonNode d : dyn) {
                        dynamic |= d.isTextual() && d.asText().equals("dependencies");
                    }
                }
                if (dynamic && project.has("dependencies")) {
                    problem("project.dynamic", "lists 'dependencies', which are also given in project.dependencies");
                }
            }
            ProjectSettings settings = settings(root.path("tool").get("smolsnake"));
            if (!problems.isEmpty()) {
                throw new ProjectInputException(problems);
            }
            return new PyprojectToml(file, hasProject, dependencies, dynamic, optional, requiresPython, settings);
        }

        private List<RequirementLine> requirements(JsonNode list, String key) {
            List<RequirementLine> out = new ArrayList<>();
            if (list == null) {
                return out;
            }
            if (!list.isArray()) {
                problem(key, "expected an array of requirement strings, found " + kind(list));
                return out;
            }
            for (int i = 0; i < list.size(); i++) {
                String at = key + "[" + i + "]";
                if (list.get(i).isTextual()) {
                    out.add(RequirementLine.named(list.get(i).asText(), Origin.key(file, at)));
                } else {
                    problem(at, "expected a requirement string, found " + kind(list.get(i)));
                }
            }
            return out;
        }

        private ProjectSettings settings(JsonNode t) {
            if (t == null) {
                return ProjectSettings.NONE;
            }
            if (!t.isObject()) {
                problem("tool.smolsnake", "expected a table, found " + kind(t));
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
            JsonNode r = t.get("requirements");
            if (r != null && r.isTextual()) {
                requirements.add(r.asText());
            } else if (r != null && r.isArray() && allText(r)) {
                r.forEach(x -> requirements.add(x.asText()));
            } else if (r != null) {
                problem("tool.smolsnake.requirements", "expected a file name or an array of them, found " + kind(r));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> all = (Map<String, Object>) plain(t);
            return new ProjectSettings(runtime, arch, handler, requirements, all);
        }

        private String string(JsonNode t, String key) {
            JsonNode n = t.get(key);
            if (n == null) {
                return null;
            }
            if (!n.isTextual()) {
                problem("tool.smolsnake." + key, "expected a string, found " + kind(n));
                return null;
            }
            return n.asText();
        }

        private void problem(String key, String reason) {
            problems.add(ProjectInputException.Problem.key(file, key, reason));
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode x : array) {
            if (!x.isTextual()) {
                return false;
            }
        }
        return true;
    }

}
