package io.smolsnake.pypackaging.index;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * INI files as Python's {@code configparser.RawConfigParser} reads them (the parser pip uses):
 * {@code [section]} headers, {@code key = value} or {@code key: value}, whole-line {@code #} and
 * {@code ;} comments, indented continuation lines, keys lower-cased, a {@code [DEFAULT]} section
 * inherited by every other, duplicates rejected.
 */
final class IniFile {
    private IniFile() {}

    /** Section name to (key to value), in file order. */
    static Map<String, Map<String, String>> parse(String text, Path file) {
        Map<String, Map<String, StringBuilder>> sections = new LinkedHashMap<>();
        Map<String, StringBuilder> defaults = new LinkedHashMap<>();
        Map<String, StringBuilder> current = null;
        StringBuilder value = null;
        int valueIndent = -1;
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String raw = lines[n];
            String stripped = raw.strip();
            int indent = raw.length() - raw.stripLeading().length();
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (stripped.isEmpty()) {
                if (value != null) {
                    value.append('\n');
                }
                continue;
            }
            if (value != null && indent > valueIndent) {
                value.append('\n').append(stripped);
                continue;
            }
            value = null;
            if (stripped.startsWith("[") && stripped.endsWith("]") && stripped.length() > 2) {
                String name = stripped.substring(1, stripped.length() - 1);
                if (name.equals("DEFAULT")) {
                    current = defaults;
                } else {
                    if (sections.containsKey(name)) {
                        throw new PipConfigException(file, n + 1, "section '" + name + "' appears twice");
                    }
                    current = new LinkedHashMap<>();
                    sections.put(name, current);
                }
                continue;
            }
            if (current == null) {
                throw new PipConfigException(file, n + 1, "'" + stripped + "' comes before any [section] header");
            }
            int delimiter = firstDelimiter(stripped);
            if (delimiter <= 0) {
                throw new PipConfigException(file, n + 1, "expected 'key = value', found '" + stripped + "'");
            }
            String key = stripped.substring(0, delimiter).strip().toLowerCase(Locale.ROOT);
            if (current.containsKey(key)) {
                throw new PipConfigException(file, n + 1, "option '" + key + "' appears twice in its section");
            }
            value = new StringBuilder(stripped.substring(delimiter + 1).strip());
            current.put(key, value);
            valueIndent = indent;
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, StringBuilder>> s : sections.entrySet()) {
            Map<String, String> items = new LinkedHashMap<>();
            defaults.forEach((k, v) -> items.put(k, finish(v)));
            s.getValue().forEach((k, v) -> items.put(k, finish(v)));
            out.put(s.getKey(), items);
        }
        return out;
    }

    private static int firstDelimiter(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    /** configparser drops trailing blank lines of a multi-line value. */
    private static String finish(StringBuilder value) {
        String s = value.toString();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end);
    }
}
