package io.smolsnake.pypackaging.lock;

import static io.smolsnake.pypackaging.TomlNodes.kind;
import static io.smolsnake.pypackaging.TomlNodes.plain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
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
    private static final TomlMapper TOML = TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();
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
        JsonNode root;
        try {
            root = TOML.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = "";
            if (at != null) {
                String[] lines = (text == null ? "" : text).split("\r\n|\r|\n", -1);
                int line = at.getLineNr();
                int column = at.getColumnNr();
                // the TOML parser reports some errors (a duplicate key, end of file) on the next line
                while (line > 1 && (line > lines.length || lines[line - 1].isBlank())) {
                    line--;
                    column = lines[line - 1].length() + 1;
                }
                where = " at line " + line + ", column " + column;
            }
            problem("", "invalid TOML" + where + ": " + e.getOriginalMessage());
            throw failure();
        }
        if (!(root instanceof ObjectNode top)) {
            problem("", "a lock file is a TOML table");
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
        JsonNode list = top.get("packages");
        if (list == null) {
            problem("packages", "a packages array is required");
        } else if (!list.isArray()) {
            problem("packages", "expected an array of tables, found " + kind(list));
        } else {
            for (int i = 0; i < list.size(); i++) {
                String path = "packages[" + i + "]";
                if (list.get(i) instanceof ObjectNode p) {
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

    private LockedPackage lockedPackage(ObjectNode p, String path) {
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
        if (table(p, "vcs", path) instanceof ObjectNode t) {
            String at = path + ".vcs";
            unknownKeys(t, VCS, at);
            vcs = new LockedVcs(string(t, "type", at, true), string(t, "url", at, false),
                    string(t, "path", at, false), string(t, "requested-revision", at, false),
                    string(t, "commit-id", at, true), string(t, "subdirectory", at, false));
            urlOrPath(vcs.url(), vcs.path(), at);
        }
        LockedDirectory directory = null;
        if (table(p, "directory", path) instanceof ObjectNode t) {
            String at = path + ".directory";
            unknownKeys(t, DIRECTORY, at);
            directory = new LockedDirectory(string(t, "path", at, true), bool(t, "editable", at),
                    string(t, "subdirectory", at, false));
        }
        LockedArchive archive = null;
        if (table(p, "archive", path) instanceof ObjectNode t) {
            String at = path + ".archive";
            unknownKeys(t, ARCHIVE, at);
            archive = new LockedArchive(string(t, "url", at, false), string(t, "path", at, false),
                    size(t, at), time(t, at), hashes(t, at), string(t, "subdirectory", at, false));
            urlOrPath(archive.url(), archive.path(), at);
        }
        String index = string(p, "index", path, false);
        LockedSdist sdist = null;
        if (table(p, "sdist", path) instanceof ObjectNode t) {
            String at = path + ".sdist";
            unknownKeys(t, DIST, at);
            sdist = new LockedSdist(string(t, "name", at, false), string(t, "url", at, false),
                    string(t, "path", at, false), size(t, at), time(t, at), hashes(t, at));
            urlOrPath(sdist.url(), sdist.path(), at);
        }
        List<LockedWheel> wheels = new ArrayList<>();
        JsonNode wheelList = p.get("wheels");
        if (wheelList != null && !wheelList.isArray()) {
            problem(path + ".wheels", "expected an array of tables, found " + kind(wheelList));
        } else if (wheelList != null) {
            for (int i = 0; i < wheelList.size(); i++) {
                String at = path + ".wheels[" + i + "]";
                if (!(wheelList.get(i) instanceof ObjectNode t)) {
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
        sources(path, vcs != null, directory != null, archive != null, sdist != null || wheelList != null);
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

    private Map<String, String> hashes(ObjectNode t, String at) {
        String path = at + ".hashes";
        JsonNode h = t.get("hashes");
        if (h == null) {
            problem(path, "hashes are required");
            return Map.of();
        }
        if (!(h instanceof ObjectNode table)) {
            problem(path, "expected a table of strings, found " + kind(h));
            return Map.of();
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        table.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                hashes.put(e.getKey(), e.getValue().asText());
            } else {
                problem(path + "." + e.getKey(), "expected a string, found " + kind(e.getValue()));
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

    private Long size(ObjectNode t, String at) {
        JsonNode n = t.get("size");
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            problem(at + ".size", "expected a non-negative integer, found " + kind(n) + " " + n);
            return null;
        }
        return n.asLong();
    }

    private OffsetDateTime time(ObjectNode t, String at) {
        JsonNode n = t.get("upload-time");
        if (n == null) {
            return null;
        }
        if (n instanceof POJONode pojo && pojo.getPojo() instanceof OffsetDateTime time) {
            return time;
        }
        problem(at + ".upload-time", "expected a date-time with a UTC offset (2025-01-25T11:30:10Z), found "
                + kind(n) + " " + display(n));
        return null;
    }

    private boolean bool(ObjectNode t, String key, String at) {
        JsonNode n = t.get(key);
        if (n == null) {
            return false;
        }
        if (!n.isBoolean()) {
            problem(at + "." + key, "expected a boolean, found " + kind(n));
            return false;
        }
        return n.asBoolean();
    }

    private JsonNode table(ObjectNode t, String key, String at) {
        JsonNode n = t.get(key);
        if (n != null && !n.isObject()) {
            problem(join(at, key), "expected a table, found " + kind(n));
            return null;
        }
        return n;
    }

    private String string(ObjectNode t, String key, String at, boolean required) {
        JsonNode n = t.get(key);
        if (n == null) {
            if (required) {
                problem(join(at, key), "a value is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            problem(join(at, key), "expected a string, found " + kind(n));
            return null;
        }
        return n.asText();
    }

    private List<String> strings(ObjectNode t, String key, String at) {
        JsonNode n = t.get(key);
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            problem(join(at, key), "expected an array of strings, found " + kind(n));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (n.get(i).isTextual()) {
                out.add(n.get(i).asText());
            } else {
                problem(join(at, key) + "[" + i + "]", "expected a string, found " + kind(n.get(i)));
            }
        }
        return out;
    }

    private List<Map<String, Object>> freeTables(ObjectNode t, String key, String at) {
        JsonNode n = t.get(key);
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            problem(join(at, key), "expected an array of tables, found " + kind(n));
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (n.get(i).isObject()) {
                out.add(plainTable(n.get(i)));
            } else {
                problem(join(at, key) + "[" + i + "]", "expected a table, found " + kind(n.get(i)));
            }
        }
        return out;
    }

    private Map<String, Object> tool(ObjectNode t, String at) {
        JsonNode n = table(t, "tool", at);
        if (n == null) {
            return Map.of();
        }
        Map<String, Object> tool = new LinkedHashMap<>();
        n.properties().forEach(e -> {
            if (e.getValue().isObject()) {
                tool.put(e.getKey(), plainTable(e.getValue()));
            } else {
                problem(join(at, "tool") + "." + LockWriter.key(e.getKey()),
                        "expected a table (one per tool), found " + kind(e.getValue()));
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

    private void unknownKeys(ObjectNode t, Set<String> known, String at) {
        if (!strictKeys) {
            return;
        }
        for (Iterator<String> it = t.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!known.contains(key)) {
                problem(join(at, LockWriter.key(key)), "unknown key (not in PEP 751 lock-version 1.0)");
            }
        }
    }

    private static Map<String, Object> plainTable(JsonNode n) {
        Map<String, Object> out = new LinkedHashMap<>();
        n.properties().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    private static String display(JsonNode n) {
        return n instanceof POJONode pojo ? String.valueOf(pojo.getPojo()) : n.toString();
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
