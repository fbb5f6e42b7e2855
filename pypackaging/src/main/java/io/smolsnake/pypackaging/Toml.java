package io.smolsnake.pypackaging;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A strict TOML 1.0.0 reader for {@code pylock.toml} and {@code pyproject.toml}. Tables become
 * {@code Map<String, Object>} in document order, arrays {@code List<Object>}; strings, booleans,
 * {@link Long} integers (TOML's are 64-bit: a larger one is an error), {@link Double} floats, and
 * {@link OffsetDateTime}, {@link LocalDateTime}, {@link LocalDate} and {@link LocalTime} as
 * themselves. Everything returned is unmodifiable.
 *
 * <p>Why not Jackson: loading jackson-dataformat-toml (and the locale data its date parsing
 * pulls in) costs a short {@code smolsnake install} well over 100 ms, far more than reading the
 * document does.
 */
public final class Toml {
    /** Deeper nesting than this is refused rather than risking the stack. */
    private static final int MAX_DEPTH = 512;

    /** How a table came to be, for the rules on defining it again; a dotted-key table has its section's number. */
    private static final int IMPLICIT = -1; // a parent named in a [header], not defined itself (yet)
    private static final int HEADER = -2; // defined by a [header] or [[header]], or the root
    private static final int INLINE = -3; // an inline table or inside one: complete as written
    /** Stands in a key path for "an element of an array" (compared by identity, so no key is mistaken for it). */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String ELEMENT = new String("[]");

    private final TomlCursor in;
    private final Map<Map<String, Object>, Integer> states = new IdentityHashMap<>();
    private final Set<List<Object>> tableArrays = Collections.newSetFromMap(new IdentityHashMap<>());
    private int sections;

    private Toml(String text) {
        this.in = new TomlCursor(text);
    }

    /** Thrown for text that is not a TOML document; the message says what was expected at which line and column. */
    public static final class TomlException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String reason;
        private final int line;
        private final int column;

        TomlException(String reason, int line, int column) {
            super(reason + " at line " + line + ", column " + column);
            this.reason = reason;
            this.line = line;
            this.column = column;
        }

        /** What is wrong, without the position. */
        public String reason() {
            return reason;
        }

        /** 1-based. */
        public int line() {
            return line;
        }

        /** 1-based, in UTF-16 code units from the start of the line. */
        public int column() {
            return column;
        }
    }

    /**
     * Reads a TOML document into its root table.
     *
     * @throws TomlException for anything that is not TOML 1.0.0
     */
    public static Map<String, Object> parse(String text) {
        return new Toml(Objects.requireNonNull(text, "text")).document();
    }

    /** What kind of TOML value it is, for messages: "a string", "an array", "a table", … */
    public static String kind(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Long) {
            return "an integer";
        }
        if (value instanceof Double) {
            return "a float";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Map) {
            return "a table";
        }
        if (value instanceof LocalDateTime) {
            return "a local date-time";
        }
        if (value instanceof LocalDate) {
            return "a local date";
        }
        if (value instanceof LocalTime) {
            return "a local time";
        }
        return value instanceof OffsetDateTime ? "a date-time" : "a " + value.getClass().getSimpleName();
    }

    private Map<String, Object> document() {
        Map<String, Object> root = table(HEADER);
        Map<String, Object> current = root;
        List<String> path = List.of();
        int section = sections++;
        while (true) {
            in.spaces();
            if (in.atEnd()) {
                break;
            }
            if (in.peek('#')) {
                in.comment();
            } else if (in.newline()) {
                continue;
            } else if (in.peek('[')) {
                List<String> keys = new ArrayList<>();
                current = header(root, keys);
                path = keys;
                section = sections++;
                in.endOfLine("a table header");
            } else {
                keyValue(current, path, section);
                in.endOfLine("a key/value pair");
            }
        }
        freeze(root);
        return Collections.unmodifiableMap(root);
    }

    /** A {@code [table]} or {@code [[array of tables]]} header: the table it opens. */
    private Map<String, Object> header(Map<String, Object> root, List<String> keys) {
        in.pos++;
        boolean array = in.peek('[');
        if (array) {
            in.pos++;
        }
        in.spaces();
        List<Integer> starts = new ArrayList<>();
        in.key(keys, starts);
        in.expect(array ? "]]" : "]", array ? "']]' to close the array-of-tables header" : "']' to close the table header");
        if (keys.size() > MAX_DEPTH) {
            throw in.at(starts.get(MAX_DEPTH), "nesting deeper than " + MAX_DEPTH);
        }
        Map<String, Object> t = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            Object x = t.get(keys.get(i));
            if (x == null) {
                Map<String, Object> m = table(IMPLICIT);
                t.put(keys.get(i), m);
                t = m;
            } else if (x instanceof Map<?, ?> && states.get(x) != INLINE) {
                t = cast(x);
            } else if (x instanceof List<?> && tableArrays.contains(x)) {
                List<?> elements = (List<?>) x;
                t = cast(elements.get(elements.size() - 1));
            } else {
                throw in.at(starts.get(i), name(keys, i + 1) + " is already " + kind(x) + (x instanceof Map ? " (inline)" : "")
                        + ", which a table header cannot extend");
            }
        }
        String last = keys.get(keys.size() - 1);
        int at = starts.get(keys.size() - 1);
        Object x = t.get(last);
        if (array) {
            List<Object> elements;
            if (x == null) {
                elements = new ArrayList<>();
                tableArrays.add(elements);
                t.put(last, elements);
            } else if (x instanceof List<?> && tableArrays.contains(x)) {
                elements = cast(x);
            } else {
                throw in.at(at, x instanceof List
                        ? name(keys, keys.size()) + " is a static array, which [[" + path(keys, keys.size()) + "]] cannot extend"
                        : name(keys, keys.size()) + " is already " + kind(x) + "; an array of tables cannot be defined over it");
            }
            Map<String, Object> element = table(HEADER);
            elements.add(element);
            return element;
        }
        if (x == null) {
            Map<String, Object> m = table(HEADER);
            t.put(last, m);
            return m;
        }
        if (x instanceof Map<?, ?> && states.get(x) == IMPLICIT) {
            Map<String, Object> m = cast(x);
            states.put(m, HEADER);
            return m;
        }
        throw in.at(at, x instanceof Map<?, ?> ? "table " + name(keys, keys.size()) + " is defined twice"
                : name(keys, keys.size()) + " is already " + kind(x) + "; a table cannot be defined over it");
    }

    /** {@code key = value} into table {@code t}, which is at {@code path}; dotted keys make tables of that section. */
    private void keyValue(Map<String, Object> t, List<String> path, int section) {
        List<String> keys = new ArrayList<>(path);
        List<Integer> starts = new ArrayList<>();
        int first = keys.size();
        in.key(keys, starts);
        in.expect("=", "'=' after the key");
        in.spaces();
        for (int i = first; i < keys.size() - 1; i++) {
            int at = starts.get(i - first);
            Object x = t.get(keys.get(i));
            if (x == null) {
                Map<String, Object> m = table(section);
                t.put(keys.get(i), m);
                t = m;
                continue;
            }
            if (!(x instanceof Map<?, ?>)) {
                throw in.at(at, name(keys, i + 1) + " is already " + kind(x) + ", which a dotted key cannot extend");
            }
            int state = states.get(x);
            if (state == INLINE) {
                throw in.at(at, "the inline table " + name(keys, i + 1) + " cannot be extended; write its keys within its braces");
            }
            if (state == HEADER || (state >= 0 && state != section)) {
                throw in.at(at, "table " + name(keys, i + 1) + " is defined " + (state == HEADER ? "by a table header" : "elsewhere")
                        + "; a dotted key cannot add to it from here");
            }
            states.put(cast(x), section);
            t = cast(x);
        }
        String last = keys.get(keys.size() - 1);
        if (t.containsKey(last)) {
            throw in.at(starts.get(starts.size() - 1), "key " + name(keys, keys.size()) + " is defined twice");
        }
        t.put(last, value(keys));
    }

    private Object value(List<String> path) {
        if (path.size() > MAX_DEPTH) {
            throw in.error("nesting deeper than " + MAX_DEPTH);
        }
        if (in.peek('"')) {
            return in.basicString();
        }
        if (in.peek('\'')) {
            return in.literalString();
        }
        if (in.peek('[')) {
            return array(path);
        }
        if (in.peek('{')) {
            return inlineTable(path);
        }
        return in.scalar();
    }

    private List<Object> array(List<String> path) {
        in.pos++;
        List<Object> out = new ArrayList<>();
        List<String> inner = new ArrayList<>(path);
        inner.add(ELEMENT);
        while (true) {
            in.blank();
            if (in.peek(']')) {
                in.pos++;
                return out;
            }
            out.add(value(inner));
            in.blank();
            if (in.peek(',')) {
                in.pos++;
            } else if (!in.peek(']')) {
                throw in.error("expected ',' or ']' in an array, found " + in.describe());
            }
        }
    }

    private Map<String, Object> inlineTable(List<String> path) {
        in.pos++;
        Map<String, Object> t = table(INLINE);
        int section = sections++;
        in.spaces();
        if (in.peek('}')) {
            in.pos++;
            return t;
        }
        while (true) {
            in.spaces();
            keyValue(t, path, section);
            in.spaces();
            if (in.peek('}')) {
                in.pos++;
                seal(t);
                return t;
            }
            if (!in.peek(',')) {
                throw in.error("expected ',' or '}' in an inline table, found " + in.describe()
                        + (in.atEnd() || in.peek('\n') || in.peek('\r') ? " (an inline table stays on one line)" : ""));
            }
            in.pos++;
            in.spaces();
            if (in.peek('}')) {
                throw in.error("an inline table cannot end with a comma");
            }
        }
    }

    /** Marks the tables dotted keys made inside an inline table as complete. */
    private void seal(Map<String, Object> t) {
        states.put(t, INLINE);
        for (Object v : t.values()) {
            if (v instanceof Map<?, ?> && states.get(v) != INLINE) {
                seal(cast(v));
            }
        }
    }

    private Map<String, Object> table(int state) {
        Map<String, Object> m = new LinkedHashMap<>();
        states.put(m, state);
        return m;
    }

    /** Makes every nested table and array unmodifiable, in place. */
    private static void freeze(Map<String, Object> table) {
        for (Map.Entry<String, Object> e : table.entrySet()) {
            e.setValue(frozen(e.getValue()));
        }
    }

    private static Object frozen(Object v) {
        if (v instanceof Map<?, ?>) {
            Map<String, Object> m = cast(v);
            freeze(m);
            return Collections.unmodifiableMap(m);
        }
        if (v instanceof List<?>) {
            List<Object> l = cast(v);
            l.replaceAll(Toml::frozen);
            return Collections.unmodifiableList(l);
        }
        return v;
    }

    /** A key path in quotes, for messages: {@code 'tool.smolsnake'}, {@code 'a."b c"'}. */
    private static String name(List<String> keys, int count) {
        return "'" + path(keys, count) + "'";
    }

    /** A key path as it would be written: {@code tool.smolsnake}, {@code a."b c"}. */
    private static String path(List<String> keys, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String k = keys.get(i);
            if (k == ELEMENT) {
                continue; // inside an array
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            boolean bare = !k.isEmpty() && k.chars().allMatch(c -> TomlCursor.bare((char) c));
            sb.append(bare ? k : "\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
