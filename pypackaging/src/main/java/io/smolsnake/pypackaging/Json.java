package io.smolsnake.pypackaging;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader for the few small documents the lock path reads (PEP 691 project
 * pages, the host interpreter's facts). Objects become {@code Map<String, Object>} in document
 * order, arrays {@code List<Object>}, numbers {@link Long} when integral and in range, else
 * {@link BigDecimal}; strings, booleans and {@code null} as themselves.
 *
 * <p>Why not Jackson: starting an {@code ObjectMapper} costs a short {@code smolsnake lock} tens
 * of milliseconds, more than reading these documents does.
 */
public final class Json {
    /** Deeper nesting than this is refused rather than risking the stack. */
    private static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Thrown for text that is not one JSON value; the message says what was expected at which (0-based) offset. */
    public static final class JsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        JsonException(String message, int offset) {
            super(message + " at offset " + offset);
        }
    }

    /**
     * Reads one JSON value (surrounded by whitespace at most).
     *
     * @throws JsonException for anything else
     */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.space();
        Object value = p.value(0);
        p.space();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        if (pos >= text.length()) {
            throw error("expected a value, found the end of the text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("expected a value, found '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) {
        pos++; // {
        Map<String, Object> out = new LinkedHashMap<>();
        space();
        if (peek('}')) {
            pos++;
            return Map.of();
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("expected a member name in quotes");
            }
            String name = string();
            space();
            expect(':');
            space();
            out.put(name, value(depth + 1));
            space();
            if (peek(',')) {
                pos++;
            } else if (peek('}')) {
                pos++;
                return Collections.unmodifiableMap(out);
            } else {
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> array(int depth) {
        pos++; // [
        List<Object> out = new ArrayList<>();
        space();
        if (peek(']')) {
            pos++;
            return List.of();
        }
        while (true) {
            space();
            out.add(value(depth + 1));
            space();
            if (peek(',')) {
                pos++;
            } else if (peek(']')) {
                pos++;
                return Collections.unmodifiableList(out);
            } else {
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() {
        int start = ++pos; // opening quote
        StringBuilder sb = null;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character U+" + String.format("%04X", (int) c) + " in a string");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(text, start, pos);
            if (pos + 1 >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("incomplete \\u escape");
                    }
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        char h = text.charAt(pos + k);
                        int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                        if (d < 0) {
                            throw error("bad hex digit in a \\u escape");
                        }
                        code = code * 16 + d;
                    }
                    sb.append((char) code);
                    pos += 4;
                }
                default -> {
                    pos -= 2; // at the backslash
                    throw error("unknown escape '\\" + e + "'");
                }
            }
            start = pos;
        }
    }

    private Object number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
        } else if (digit()) {
            while (digit()) {
                pos++;
            }
        } else {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (peek('.')) {
            integral = false;
            pos++;
            if (!digit()) {
                throw error("expected a digit after '.'");
            }
            while (digit()) {
                pos++;
            }
        }
        if (peek('e') || peek('E')) {
            integral = false;
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (!digit()) {
                throw error("expected a digit in the exponent");
            }
            while (digit()) {
                pos++;
            }
        }
        String n = text.substring(start, pos);
        if (integral && n.length() < 19) {
            return Long.parseLong(n);
        }
        return new BigDecimal(n);
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected '" + word + "'");
        }
        pos += word.length();
        return value;
    }

    private boolean digit() {
        return pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9';
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void space() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private JsonException error(String message) {
        return new JsonException(message, pos);
    }

    /**
     * Appends {@code s} as a JSON string, escaped as Jackson escapes it: quote and backslash, the
     * short escapes for backspace, tab, newline, form feed and carriage return, {@code \}{@code
     * u00XX} for the other control characters, everything else as it is.
     */
    public static StringBuilder appendString(StringBuilder out, String s) {
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
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
