package io.smolsnake.pypackaging.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smolsnake.pypackaging.Conformance;
import io.smolsnake.pypackaging.metadata.CoreMetadata;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.requirement.MarkerEnvironment;
import io.smolsnake.pypackaging.requirement.Requirement;
import io.smolsnake.pypackaging.tags.LibcVersion;
import io.smolsnake.pypackaging.tags.Platforms;
import io.smolsnake.pypackaging.tags.PythonVersion;
import io.smolsnake.pypackaging.tags.SupportedTags;
import io.smolsnake.pypackaging.tags.Tag;
import io.smolsnake.pypackaging.tags.Tags;
import io.smolsnake.pypackaging.version.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packse resolver scenarios ({@code shared/conformance/packse}) against an in-memory index.
 *
 * <p>smolsnake locks for one target at a time. A "universal" scenario (uv's forking resolution over
 * every environment) is checked the way smolsnake would serve it: it is satisfiable when the
 * requirements resolve on each of the environments its markers distinguish (Linux, macOS and
 * Windows on x86_64 and aarch64).
 */
class PackseConformanceTest {

    /** Scenarios outside smolsnake's feature set, with the reason. */
    static final Map<String, String> EXCLUDED = new LinkedHashMap<>();

    static {
        String sdists = "smolsnake installs wheels only (Lambda cannot build packages); the scenario expects an "
                + "sdist to be built";
        EXCLUDED.put("no-binary", sdists + " (--no-binary)");
        EXCLUDED.put("no-wheels", sdists);
        EXCLUDED.put("no-wheels-with-matching-platform", sdists);
        EXCLUDED.put("local-not-used-with-sdist", sdists);
        EXCLUDED.put("incompatible-python-compatible-override-available-no-wheels", sdists);
        EXCLUDED.put("incompatible-python-compatible-override-unavailable-no-wheels", sdists);
        EXCLUDED.put("incompatible-python-compatible-override-no-compatible-wheels", sdists
                + " (its only wheel has a tag no interpreter accepts)");
        EXCLUDED.put("incompatible-python-compatible-override-other-wheel", sdists
                + " (the only version with a wheel requires a newer Python)");
        EXCLUDED.put("python-less-than-current", "uv ignores upper bounds of Requires-Python; pip and smolsnake"
                + " honour them, so a package that declares it does not support the target's Python is not used");
        String fork = "the expected failure is a limit of uv's universal (forking) resolver, which cannot fork "
                + "here; resolved for each environment, as smolsnake locks one target at a time, it succeeds";
        EXCLUDED.put("fork-non-local-fork-marker-direct", fork);
        EXCLUDED.put("fork-non-local-fork-marker-transitive", fork);
        EXCLUDED.put("preferences-dependent-forking-conflicting", fork);
        EXCLUDED.put("specific-architecture", "uv's universal lock does not check wheel tags; the only wheels are"
                + " for CPython 3.13 while the scenario's Python is 3.12, so no single target can install them");
        EXCLUDED.put("requires-python-wheels", "uv's universal lock does not check wheel tags; the wheels are tagged"
                + " cp3X-cp3X-any, which no CPython accepts (packaging's cpython_tags never pair a CPython ABI with"
                + " 'any'), so pip and smolsnake find no installable wheel");
    }

    static Stream<Arguments> scenarios() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode entry : Conformance.read("packse/index.json")) {
            out.add(Arguments.of(entry.get("name").asText(), entry.get("file").asText()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, String file) {
        org.junit.jupiter.api.Assumptions.assumeFalse(EXCLUDED.containsKey(name),
                () -> "excluded: " + EXCLUDED.get(name));
        JsonNode scenario = Conformance.read("packse/" + file);
        Verdict verdict = run(scenario);
        JsonNode expected = scenario.get("expected");
        assertEquals(expected.get("satisfiable").asBoolean(), verdict.satisfiable(),
                () -> name + ": " + scenario.get("description").asText() + "\n" + verdict.detail());
        if (verdict.satisfiable()) {
            expected.path("packages").fields().forEachRemaining(e -> {
                String got = verdict.versions().get(PackageName.canonicalize(e.getKey()));
                assertEquals(Version.parse(e.getValue().asText()), got == null ? null : Version.parse(got),
                        () -> name + ": version of " + e.getKey() + "\n" + verdict.detail());
            });
        }
    }

    @Test
    void atLeastNinetyPercentOfAllScenariosPass() {
        int total = 0;
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode entry : Conformance.read("packse/index.json")) {
            total++;
            String name = entry.get("name").asText();
            if (EXCLUDED.containsKey(name)) {
                continue;
            }
            JsonNode scenario = Conformance.read("packse/" + entry.get("file").asText());
            Verdict v = run(scenario);
            JsonNode expected = scenario.get("expected");
            boolean ok = v.satisfiable() == expected.get("satisfiable").asBoolean();
            if (ok && v.satisfiable()) {
                var it = expected.path("packages").fields();
                while (it.hasNext()) {
                    var e = it.next();
                    String got = v.versions().get(PackageName.canonicalize(e.getKey()));
                    ok &= got != null && Version.parse(got).equals(Version.parse(e.getValue().asText()));
                }
            }
            if (ok) {
                passed++;
            } else {
                failures.add(name);
            }
        }
        System.err.printf("packse: %d of %d scenarios pass (%d excluded); failing: %s%n", passed, total,
                EXCLUDED.size(), failures);
        int need = (int) Math.ceil(total * 0.9);
        int got = passed;
        int all = total;
        assertTrue(passed >= need, () -> "only " + got + " of " + all + " packse scenarios pass; failing: " + failures);
    }

    record Verdict(boolean satisfiable, Map<String, String> versions, String detail) {}

    static Verdict run(JsonNode scenario) {
        JsonNode options = scenario.get("resolver_options");
        String python = options.hasNonNull("python") ? options.get("python").asText()
                : scenario.get("environment").get("python").asText();
        List<Env> envs = new ArrayList<>();
        if (options.path("universal").asBoolean()) {
            // A universal lock covers every Python the project allows (from its lowest) and every
            // platform its markers tell apart.
            String rootPython = scenario.get("root").path("requires_python").asText("");
            java.util.regex.Matcher lower = java.util.regex.Pattern.compile(">=\\s*([0-9.]+)").matcher(rootPython);
            if (lower.find()) {
                python = lower.group(1);
            }
            Set<String> platforms = new LinkedHashSet<>(List.of("linux", "darwin", "win32"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("sys_platform\\s*[=!]=\\s*['\"]([^'\"]+)")
                    .matcher(scenario.toString());
            while (m.find()) {
                platforms.add(m.group(1));
            }
            for (String os : platforms) {
                envs.add(new Env(python, os, "x86_64", "2.28"));
            }
        } else {
            String platform = options.path("python_platform").asText("");
            envs.add(new Env(python, "linux", "x86_64", platform.endsWith("manylinux2014") ? "2.17" : "2.28"));
        }
        Map<String, String> versions = new TreeMap<>();
        StringBuilder detail = new StringBuilder();
        for (Env env : envs) {
            ResolveResult result = resolve(scenario, env, detail);
            if (result instanceof ResolveResult.Unsatisfiable u) {
                return new Verdict(false, Map.of(), env + ":\n" + u.message() + detail);
            }
            for (ResolveResult.Pin pin : ((ResolveResult.Resolved) result).packages()) {
                versions.putIfAbsent(pin.name().toString(), pin.version().toString());
            }
            detail.append(env).append(": ").append(((ResolveResult.Resolved) result).packages().stream()
                    .map(p -> p.name() + "==" + p.version()).toList()).append('\n');
        }
        return new Verdict(true, versions, detail.toString());
    }

    record Env(String python, String os, String arch, String glibc) {
        Version fullVersion() {
            Version v = Version.parse(python);
            return v.release().size() >= 3 ? v : Version.parse(v.releasePart(0) + "." + v.releasePart(1) + ".0");
        }

        PythonVersion pythonVersion() {
            Version v = fullVersion();
            return PythonVersion.of(v.releasePart(0).intValue(), v.releasePart(1).intValue());
        }

        MarkerEnvironment markers() {
            Map<String, String> m = new LinkedHashMap<>();
            Version full = fullVersion();
            m.put("implementation_name", "cpython");
            m.put("implementation_version", full.toString());
            m.put("os_name", os.equals("win32") ? "nt" : "posix");
            m.put("platform_machine", os.equals("win32") ? (arch.equals("x86_64") ? "AMD64" : "ARM64")
                    : os.equals("darwin") && arch.equals("aarch64") ? "arm64" : arch);
            m.put("platform_python_implementation", "CPython");
            m.put("platform_release", "");
            m.put("platform_system", switch (os) {
                case "linux" -> "Linux";
                case "darwin" -> "Darwin";
                default -> "Windows";
            });
            m.put("platform_version", "");
            m.put("python_full_version", full.toString());
            m.put("python_version", full.releasePart(0) + "." + full.releasePart(1));
            m.put("sys_platform", os);
            return MarkerEnvironment.of(m);
        }

        SupportedTags tags() {
            List<String> platforms = switch (os) {
                case "linux" -> {
                    List<String> p = new ArrayList<>(Platforms.manylinux(LibcVersion.parse(glibc), List.of(arch)));
                    p.add("linux_" + arch);
                    yield p;
                }
                case "darwin" -> Platforms.macPlatforms(14, 0, arch.equals("aarch64") ? "arm64" : arch);
                case "win32" -> List.of(arch.equals("x86_64") ? "win_amd64" : "win_arm64");
                default -> List.of(); // an operating system no wheel platform names: pure wheels only
            };
            PythonVersion py = pythonVersion();
            String interpreter = "cp" + py.nodot();
            List<Tag> tags = new ArrayList<>(Tags.cpythonTags(py, List.of(interpreter), platforms));
            tags.addAll(Tags.compatibleTags(py, interpreter, platforms));
            return SupportedTags.of(tags);
        }
    }

    static ResolveResult resolve(JsonNode scenario, Env env, StringBuilder detail) {
        List<Requirement> root = new ArrayList<>();
        scenario.get("root").get("requires").forEach(r -> root.add(Requirement.parse(r.asText())));
        JsonNode options = scenario.get("resolver_options");
        ResolveRequest request = new ResolveRequest(root, List.of(), env.markers(), env.tags(), env.fullVersion(),
                "python " + env.python() + " on " + env.os() + " " + env.arch(),
                options.path("prereleases").asBoolean() ? ResolveRequest.Prereleases.ALLOW
                        : ResolveRequest.Prereleases.IF_NECESSARY_OR_EXPLICIT);
        Set<String> noBinary = new LinkedHashSet<>();
        options.path("no_binary").forEach(n -> noBinary.add(PackageName.canonicalize(n.asText())));
        PythonResolver.Outcome outcome = new PythonResolver(new ScenarioSource(scenario, noBinary)).resolve(request);
        outcome.warnings().forEach(w -> detail.append("warning: ").append(w).append('\n'));
        return outcome.result();
    }

    /** The scenario's packages as an index: one wheel per listed tag set, plus an sdist. */
    static final class ScenarioSource implements PackageSource {
        private final JsonNode packages;
        private final Set<String> noBinary;

        ScenarioSource(JsonNode scenario, Set<String> noBinary) {
            this.packages = scenario.get("packages");
            this.noBinary = noBinary;
        }

        @Override
        public List<Dist> files(PackageName name) {
            List<Dist> out = new ArrayList<>();
            packages.fields().forEachRemaining(p -> {
                if (!PackageName.canonicalize(p.getKey()).equals(name.toString())) {
                    return;
                }
                p.getValue().get("versions").fields().forEachRemaining(v -> {
                    Version version = Version.parse(v.getKey());
                    JsonNode info = v.getValue();
                    String rp = info.path("requires_python").asText(null);
                    boolean yanked = info.path("yanked").asBoolean();
                    if (!noBinary.contains(name.toString())) {
                        for (JsonNode tagSet : info.path("wheels")) {
                            String filename = name.distributionFilename() + "-" + version + "-" + tagSet.asText()
                                    + ".whl";
                            out.add(new Dist(name, version, filename, true, Tag.parse(tagSet.asText()), rp, yanked,
                                    info));
                        }
                    }
                    if (info.path("sdist").asBoolean()) {
                        out.add(new Dist(name, version, name.distributionFilename() + "-" + version + ".tar.gz",
                                false, Set.of(), rp, yanked, info));
                    }
                });
            });
            return out;
        }

        @Override
        public CoreMetadata metadata(Dist wheel) {
            JsonNode info = (JsonNode) wheel.handle();
            StringBuilder doc = new StringBuilder("Metadata-Version: 2.3\n");
            doc.append("Name: ").append(wheel.name()).append('\n');
            doc.append("Version: ").append(wheel.version()).append('\n');
            if (info.hasNonNull("requires_python")) {
                doc.append("Requires-Python: ").append(info.get("requires_python").asText()).append('\n');
            }
            info.path("requires").forEach(r -> doc.append("Requires-Dist: ").append(r.asText()).append('\n'));
            info.path("extras").fields().forEachRemaining(e -> {
                doc.append("Provides-Extra: ").append(e.getKey()).append('\n');
                e.getValue().forEach(r -> {
                    Requirement req = Requirement.parse(r.asText());
                    String marker = req.marker() == null ? "extra == \"" + e.getKey() + "\""
                            : "(" + req.marker() + ") and extra == \"" + e.getKey() + "\"";
                    String base = r.asText().contains(";") ? r.asText().substring(0, r.asText().indexOf(';'))
                            : r.asText();
                    doc.append("Requires-Dist: ").append(base.strip()).append("; ").append(marker).append('\n');
                });
            });
            return CoreMetadata.parse(doc.toString());
        }
    }
}
