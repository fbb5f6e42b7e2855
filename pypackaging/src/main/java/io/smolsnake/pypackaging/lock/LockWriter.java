package io.smolsnake.pypackaging.lock;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link Lock} as canonical TOML: keys in the order PEP 751 lists them, one
 * {@code [[packages]]} table per package with its files as inline tables, {@code [tool]} tables
 * last with sorted keys, LF line endings, basic strings with TOML escapes.
 */
final class LockWriter {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private LockWriter() {}

    static String write(Lock lock) {
        StringBuilder out = new StringBuilder();
        line(out, "lock-version", lock.lockVersion());
        line(out, "environments", lock.environments());
        line(out, "requires-python", lock.requiresPython());
        line(out, "extras", lock.extras());
        line(out, "dependency-groups", lock.dependencyGroups());
        line(out, "default-groups", lock.defaultGroups());
        line(out, "created-by", lock.createdBy());
        if (lock.packages().isEmpty()) {
            line(out, "packages", List.of());
        }
        for (LockedPackage p : lock.packages()) {
            out.append("\n[[packages]]\n").append(packageText(p));
            tables(out, "packages.tool", p.tool(), false);
        }
        tables(out, "tool", lock.tool(), false);
        return out.toString();
    }

    /** The key/value lines of one package, without its header and {@code [packages.tool]} tables. */
    static String packageText(LockedPackage p) {
        StringBuilder out = new StringBuilder();
        line(out, "name", p.name().normalized());
        line(out, "version", p.version() == null ? null : p.version().toString());
        line(out, "marker", p.marker());
        line(out, "requires-python", p.requiresPython());
        if (!p.dependencies().isEmpty()) {
            line(out, "dependencies", p.dependencies());
        }
        if (p.vcs() != null) {
            LockedVcs v = p.vcs();
            Map<String, Object> t = new LinkedHashMap<>();
            put(t, "type", v.type());
            put(t, "url", v.url());
            put(t, "path", v.path());
            put(t, "requested-revision", v.requestedRevision());
            put(t, "commit-id", v.commitId());
            put(t, "subdirectory", v.subdirectory());
            line(out, "vcs", t);
        }
        if (p.directory() != null) {
            LockedDirectory d = p.directory();
            Map<String, Object> t = new LinkedHashMap<>();
            put(t, "path", d.path());
            if (d.editable()) {
                t.put("editable", true);
            }
            put(t, "subdirectory", d.subdirectory());
            line(out, "directory", t);
        }
        if (p.archive() != null) {
            Map<String, Object> t = file(p.archive());
            put(t, "subdirectory", p.archive().subdirectory());
            line(out, "archive", t);
        }
        line(out, "index", p.index());
        if (p.sdist() != null) {
            line(out, "sdist", file(p.sdist()));
        }
        if (!p.wheels().isEmpty()) {
            line(out, "wheels", p.wheels().stream().map(LockWriter::file).toList());
        }
        if (!p.attestationIdentities().isEmpty()) {
            line(out, "attestation-identities", p.attestationIdentities());
        }
        return out.toString();
    }

    private static Map<String, Object> file(LockedFile f) {
        Map<String, Object> t = new LinkedHashMap<>();
        put(t, "name", f.name());
        put(t, "upload-time", f.uploadTime());
        put(t, "url", f.url());
        put(t, "path", f.path());
        put(t, "size", f.size());
        t.put("hashes", f.hashes());
        return t;
    }

    private static void put(Map<String, Object> t, String key, Object value) {
        if (value != null) {
            t.put(key, value);
        }
    }

    private static void line(StringBuilder out, String key, Object value) {
        if (value == null) {
            return;
        }
        out.append(key(key)).append(" = ");
        if (value instanceof List<?> list && list.stream().anyMatch(x -> x instanceof Map)) {
            out.append("[\n");
            for (Object x : list) {
                out.append("    ");
                value(out, x);
                out.append(",\n");
            }
            out.append("]");
        } else {
            value(out, value);
        }
        out.append('\n');
    }

    /** Writes {@code table}'s scalars under {@code [prefix]}, then its sub-tables as {@code [prefix.key]}. */
    private static void tables(StringBuilder out, String prefix, Map<String, Object> table, boolean header) {
        boolean hasScalars = table.values().stream().anyMatch(v -> !(v instanceof Map));
        if (header && (hasScalars || table.isEmpty())) {
            out.append("\n[").append(prefix).append("]\n");
        }
        if (hasScalars && !header) {
            out.append("\n[").append(prefix).append("]\n");
        }
        table.forEach((k, v) -> {
            if (!(v instanceof Map)) {
                line(out, k, v);
            }
        });
        table.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) m;
                tables(out, prefix + "." + key(k), sub, true);
            }
        });
    }

    private static void value(StringBuilder out, Object v) {
        if (v instanceof String s) {
            string(out, s);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
            out.append(v);
        } else if (v instanceof Double d) {
            out.append(d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : d.toString());
        } else if (v instanceof OffsetDateTime t) {
            out.append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
        } else if (v instanceof LocalDateTime t) {
            out.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t));
        } else if (v instanceof LocalDate t) {
            out.append(DateTimeFormatter.ISO_LOCAL_DATE.format(t));
        } else if (v instanceof LocalTime t) {
            out.append(DateTimeFormatter.ISO_LOCAL_TIME.format(t));
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                value(out, list.get(i));
            }
            out.append(']');
        } else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{ ");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ", ").append(key((String) e.getKey())).append(" = ");
                value(out, e.getValue());
                first = false;
            }
            out.append(" }");
        } else {
            throw new IllegalArgumentException("not a TOML value: " + v);
        }
    }

    static String key(String k) {
        if (BARE_KEY.matcher(k).matches()) {
            return k;
        }
        StringBuilder out = new StringBuilder();
        string(out, k);
        return out.toString();
    }

    /** A TOML basic string: quotes, backslashes and control characters escaped. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
