package io.smolsnake.pypackaging.lock;

import static io.smolsnake.pypackaging.Toml.kind;

import io.smolsnake.pypackaging.Toml;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads any PEP 751 lock file into a {@link Lock}, collecting every problem (with its field path)
 * before failing. Unknown keys are errors in a {@code lock-version = "1.0"} file (they are usually
 * typos) and ignored in a later 1.x file, as the specification asks of a tool that knows only 1.0.
 */
final class LockReader {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern LOCK_VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    private static final Set<String> TOP = Set.of("lock-version", "environments", "requires-python", "extras",
            "dependency-groups", "default-groups", "created-by", "packages", "tool");
    private static final Set<String> PACKAGE = Set.of("name", "version", "marker", "requires-python",
            "dependencies", "vcs", "directory", "archive", "index", "sdist", "wheels", "attestation-identities",
            "tool");
    private static final Set<String> VCS = Set.of("type", "url", "path", "requested-revision", "commit-id",
            "subdirectory");
    private static final Set<String> DIRECTORY = Set.of("path", "editable", "subdirectory");
    private static final Set<String> ARCHIVE = Set.of("url", "path", "size", "upload-time", "hashes",
            "subdirectory");
    private static final Set<String> DIST = Set.of("name", "upload-time", "url", "path", "size", "hashes");

    private final String source;
    private final List<InvalidLockException.Problem> problems = new ArrayList<>();
    private boolean strictKeys = true;

    LockReader(String source) {
        this.source = source;
    }

    Lock read(String text) {
        Map<String, Object> top;
        try {
            top = Toml.parse(text == null ? "" : text);
        } catch (Toml.TomlException e) {
            problem("", "invalid TOML at line " + e.line() + ", column " + e.column() + ": " + e.reason());
            throw failure();
        }
        String lockVersion = string(top, "lock-version", "", true);
        if (lockVersion != null) {
            var m = LOCK_VERSION.matcher(lockVersion);
            if (!m.matches() || !m.group(1).equals("1")) {
                problem("lock-version", "unsupported version \"" + lockVersion + "\"; smolsnake reads 1.x");
                throw failure();
            }
            strictKeys = Integer.parseInt(m.group(2)) == 0;
        }
        unknownKeys(top, TOP, "");
        List<String> environments = strings(top, "environments", "");
        String requiresPython = string(top, "requires-python", "", false);
        List<String> extras = strings(top, "extras", "");
        List<String> groups = strings(top, "dependency-groups", "");
        List<String> defaultGroups = strings(top, "default-groups", "");
        String createdBy = string(top, "created-by", "", true);
        List<LockedPackage> packages = new ArrayList<>();
        Object packageList = top.get("packages");
        if (packageList == null) {
            problem("packages", "a packages array is required");
        } else if (!(packageList instanceof List<?> list)) {
            problem("packages", "expected an array of tables, found " + kind(packageList));
        } else {
            for (int i = 0; i < list.size(); i++) {
                String path = "packages[" + i + "]";
                if (list.get(i) instanceof Map<?, ?> p) {
                    LockedPackage pkg = lockedPackage(p, path);
                    if (pkg != null) {
                        packages.add(pkg);
                    }
                } else {
                    problem(path, "expected a table, found " + kind(list.get(i)));
                }
            }
        }
        Map<String, Object> tool = tool(top, "");
        smolsnakeTool(tool);
        if (!problems.isEmpty()) {
            throw failure();
        }
        return new Lock(lockVersion, environments, requiresPython, extras, groups, defaultGroups, createdBy,
                packages, tool);
    }

    private LockedPackage lockedPackage(Map<?, ?> p, String path) {
        unknownKeys(p, PACKAGE, path);
        int before = problems.size();
        String rawName = string(p, "name", path, true);
        PackageName name = null;
        if (rawName != null) {
            if (!PackageName.isValid(rawName)) {
                problem(path + ".name", "\"" + rawName + "\" is not a valid package name");
            } else if (!PackageName.isNormalized(rawName)) {
                problem(path + ".name", "\"" + rawName + "\" is not normalized; write \""
                        + PackageName.canonicalize(rawName) + "\"");
            } else {
                name = PackageName.of(rawName);
            }
        }
        String rawVersion = string(p, "version", path, false);
        Version version = null;
        if (rawVersion != null) {
            if (Version.isValid(rawVersion)) {
                version = Version.parse(rawVersion);
            } else {
                problem(path + ".version", "\"" + rawVersion + "\" is not a valid version");
            }
        }
        String marker = string(p, "marker", path, false);
        String requiresPython = string(p, "requires-python", path, false);
        List<Map<String, Object>> dependencies = freeTables(p, "dependencies", path);
        LockedVcs vcs = null;
        if (table(p, "vcs", path) instanceof Map<?, ?> t) {
            String at = path + ".vcs";
            unknownKeys(t, VCS, at);
            vcs = new LockedVcs(string(t, "type", at, true), string(t, "url", at, false),
                    string(t, "path", at, false), string(t, "requested-revision", at, false),
                    string(t, "commit-id", at, true), string(t, "subdirectory", at, false));
            urlOrPath(vcs.url(), vcs.path(), at);
        }
        LockedDirectory directory = null;
        if (table(p, "directory", path) instanceof Map<?, ?> t) {
            String at = path + ".directory";
            unknownKeys(t, DIRECTORY, at);
            directory = new LockedDirectory(string(t, "path", at, true), bool(t, "editable", at),
                    string(t, "subdirectory", at, false));
        }
        LockedArchive archive = null;
        if (table(p, "archive", path) instanceof Map<?, ?> t) {
            String at = path + ".archive";
            unknownKeys(t, ARCHIVE, at);
            archive = new LockedArchive(string(t, "url", at, false), string(t, "path", at, false),
                    size(t, at), time(t, at), hashes(t, at), string(t, "subdirectory", at, false));
            urlOrPath(archive.url(), archive.path(), at);
        }
        String index = string(p, "index", path, false);
        LockedSdist sdist = null;
        if (table(p, "sdist", path) instanceof Map<?, ?> t) {
            String at = path + ".sdist";
            unknownKeys(t, DIST, at);
            sdist = new LockedSdist(string(t, "name", at, false), string(t, "url", at, false),
                    string(t, "path", at, false), size(t, at), time(t, at), hashes(t, at));
            urlOrPath(sdist.url(), sdist.path(), at);
        }
        List<LockedWheel> wheels = new ArrayList<>();
        Object wheelValue = p.get("wheels");
        List<?> wheelList = wheelValue instanceof List<?> l ? l : null;
        if (wheelValue != null && wheelList == null) {
            problem(path + ".wheels", "expected an array of tables, found " + kind(wheelValue));
        } else if (wheelList != null) {
            for (int i = 0; i < wheelList.size(); i++) {
                String at = path + ".wheels[" + i + "]";
                if (!(wheelList.get(i) instanceof Map<?, ?> t)) {
                    problem(at, "expected a table, found " + kind(wheelList.get(i)));
                    continue;
                }
                unknownKeys(t, DIST, at);
                LockedWheel w = new LockedWheel(string(t, "name", at, false), string(t, "url", at, false),
                        string(t, "path", at, false), size(t, at), time(t, at), hashes(t, at));
                if (urlOrPath(w.url(), w.path(), at) && !w.fileName().endsWith(".whl")) {
                    problem(at + (w.name() != null ? ".name" : ""),
                            "a wheel file name ends in .whl, found \"" + w.fileName() + "\"");
                }
                wheels.add(w);
            }
        }
        sources(path, vcs != null, directory != null, archive != null, sdist != null || wheelValue != null);
        List<Map<String, Object>> attestations = freeTables(p, "attestation-identities", path);
        for (int i = 0; i < attestations.size(); i++) {
            if (!(attestations.get(i).get("kind") instanceof String)) {
                problem(path + ".attestation-identities[" + i + "].kind", "a kind (string) is required");
            }
        }
        Map<String, Object> tool = tool(p, path);
        if (problems.size() > before || name == null) {
            return null;
        }
        return new LockedPackage(name, version, marker, requiresPython, dependencies, vcs, directory, archive,
                index, sdist, wheels, attestations, tool);
    }

    private void sources(String path, boolean vcs, boolean directory, boolean archive, boolean dists) {
        List<String> found = new ArrayList<>();
        if (vcs) {
            found.add("vcs");
        }
        if (directory) {
            found.add("directory");
        }
        if (archive) {
            found.add("archive");
        }
        if (dists) {
            found.add("sdist/wheels");
        }
        if (found.isEmpty()) {
            problem(path, "no source: one of wheels, sdist, archive, directory or vcs is required");
        } else if (found.size() > 1) {
            problem(path, String.join(" and ", found) + " are mutually exclusive");
        }
    }

    private boolean urlOrPath(String url, String path, String at) {
        if (url == null && path == null) {
            problem(at, "a url or a path is required");
            return false;
        }
        return true;
    }

    private Map<String, String> hashes(Map<?, ?> t, String at) {
        String path = at + ".hashes";
        Object h = t.get("hashes");
        if (h == null) {
            problem(path, "hashes are required");
            return Map.of();
        }
        if (!(h instanceof Map<?, ?> table)) {
            problem(path, "expected a table of strings, found " + kind(h));
            return Map.of();
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        table.forEach((k, v) -> {
            if (v instanceof String s) {
                hashes.put((String) k, s);
            } else {
                problem(path + "." + k, "expected a string, found " + kind(v));
            }
        });
        String sha256 = hashes.get("sha256");
        if (sha256 == null) {
            problem(path, "a sha256 is required");
        } else if (!SHA256.matcher(sha256).matches()) {
            problem(path + ".sha256", "expected 64 hexadecimal digits, found \"" + sha256 + "\"");
        }
        return hashes;
    }

    private Long size(Map<?, ?> t, String at) {
        Object n = t.get("size");
        if (n == null) {
            return null;
        }
        if (!(n instanceof Long size) || size < 0) {
            problem(at + ".size", "expected a non-negative integer, found " + kind(n) + " " + display(n));
            return null;
        }
        return size;
    }

    private OffsetDateTime time(Map<?, ?> t, String at) {
        Object n = t.get("upload-time");
        if (n == null) {
            return null;
        }
        if (n instanceof OffsetDateTime time) {
            return time;
        }
        problem(at + ".upload-time", "expected a date-time with a UTC offset (2025-01-25T11:30:10Z), found "
                + kind(n) + " " + display(n));
        return null;
    }

    private boolean bool(Map<?, ?> t, String key, String at) {
        Object n = t.get(key);
        if (n == null) {
            return false;
        }
        if (!(n instanceof Boolean b)) {
            problem(at + "." + key, "expected a boolean, found " + kind(n));
            return false;
        }
        return b;
    }

    private Object table(Map<?, ?> t, String key, String at) {
        Object n = t.get(key);
        if (n != null && !(n instanceof Map<?, ?>)) {
            problem(join(at, key), "expected a table, found " + kind(n));
            return null;
        }
        return n;
    }

    private String string(Map<?, ?> t, String key, String at, boolean required) {
        Object n = t.get(key);
        if (n == null) {
            if (required) {
                problem(join(at, key), "a value is required");
            }
            return null;
        }
        if (!(n instanceof String s)) {
            problem(join(at, key), "expected a string, found " + kind(n));
            return null;
        }
        return s;
    }

    private List<String> strings(Map<?, ?> t, String key, String at) {
        Object n = t.get(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof List<?> list)) {
            problem(join(at, key), "expected an array of strings, found " + kind(n));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s) {
                out.add(s);
            } else {
                problem(join(at, key) + "[" + i + "]", "expected a string, found " + kind(list.get(i)));
            }
        }
        return out;
    }

    private List<Map<String, Object>> freeTables(Map<?, ?> t, String key, String at) {
        Object n = t.get(key);
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof List<?> list)) {
            problem(join(at, key), "expected an array of tables, found " + kind(n));
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> m) {
                out.add(plainTable(m));
            } else {
                problem(join(at, key) + "[" + i + "]", "expected a table, found " + kind(list.get(i)));
            }
        }
        return out;
    }

    private Map<String, Object> tool(Map<?, ?> t, String at) {
        if (!(table(t, "tool", at) instanceof Map<?, ?> n)) {
            return Map.of();
        }
        Map<String, Object> tool = new LinkedHashMap<>();
        n.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                tool.put((String) k, plainTable(m));
            } else {
                problem(join(at, "tool") + "." + LockWriter.key((String) k),
                        "expected a table (one per tool), found " + kind(v));
            }
        });
        return tool;
    }

    private void smolsnakeTool(Map<String, Object> tool) {
        if (!(tool.get(LockTarget.TOOL) instanceof Map<?, ?> t)) {
            return;
        }
        for (String key : List.of("runtime", "arch")) {
            if (!(t.get(key) instanceof String)) {
                problem("tool.smolsnake." + key, t.get(key) == null ? "a value is required"
                        : "expected a string, found " + t.get(key));
            }
        }
    }

    private void unknownKeys(Map<?, ?> t, Set<String> known, String at) {
        if (!strictKeys) {
            return;
        }
        for (Object key : t.keySet()) {
            if (!known.contains(key)) {
                problem(join(at, LockWriter.key((String) key)), "unknown key (not in PEP 751 lock-version 1.0)");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plainTable(Map<?, ?> table) {
        return (Map<String, Object>) table;
    }

    /** A value as TOML writes it, for messages: strings in quotes, dates and numbers as they are. */
    private static String display(Object n) {
        return n instanceof String s ? "\"" + s + "\"" : String.valueOf(n);
    }

    private static String join(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    private void problem(String path, String message) {
        problems.add(new InvalidLockException.Problem(path, message));
    }

    private InvalidLockException failure() {
        return new InvalidLockException(source, problems);
    }
}
