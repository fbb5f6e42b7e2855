package io.smolsnake.pypackaging;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The lexical half of {@link Toml}: a position in the text and the readers of whitespace,
 * comments, keys and scalar values (strings, integers, floats, booleans, dates and times). Dates
 * are read digit by digit into the {@code java.time} factories, so no formatter (and no locale
 * data) is loaded.
 */
final class TomlCursor {
    final String text;
    int pos;

    TomlCursor(String text) {
        this.text = text;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    boolean peek(String s) {
        return text.startsWith(s, pos);
    }

    /** Spaces and tabs. */
    void spaces() {
        while (peek(' ') || peek('\t')) {
            pos++;
        }
    }

    /** Consumes one newline (LF or CRLF) if there is one. */
    boolean newline() {
        if (peek('\n')) {
            pos++;
            return true;
        }
        if (peek("\r\n")) {
            pos += 2;
            return true;
        }
        return false;
    }

    /** From a {@code #} to the end of the line (the newline left for the caller). */
    void comment() {
        pos++;
        while (pos < text.length() && text.charAt(pos) != '\n' && !peek("\r\n")) {
            if (control(text.charAt(pos))) {
                throw error("control character " + describe() + " in a comment");
            }
            pos++;
        }
    }

    /** Whitespace, newlines and comments, as allowed between the values of an array. */
    void blank() {
        while (true) {
            spaces();
            if (peek('#')) {
                comment();
            } else if (!newline()) {
                return;
            }
        }
    }

    /** Spaces, a comment, then a newline or the end of the text. */
    void endOfLine(String after) {
        spaces();
        if (peek('#')) {
            comment();
        }
        if (!atEnd() && !newline()) {
            throw error("expected the end of the line after " + after + ", found " + describe());
        }
    }

    void expect(String s, String what) {
        if (!peek(s)) {
            throw error("expected " + what + ", found " + describe());
        }
        pos += s.length();
    }

    /** A dotted key; {@code starts} gets the offset of each part. Trailing spaces are consumed. */
    void key(List<String> parts, List<Integer> starts) {
        while (true) {
            starts.add(pos);
            parts.add(simpleKey());
            spaces();
            if (!peek('.')) {
                return;
            }
            pos++;
            spaces();
        }
    }

    private String simpleKey() {
        if (peek("\"\"\"") || peek("'''")) {
            throw error("a key cannot be a multi-line string");
        }
        if (peek('"')) {
            return basicString();
        }
        if (peek('\'')) {
            return literalString();
        }
        int start = pos;
        while (pos < text.length() && bare(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a key (letters, digits, '-', '_' or a quoted string), found " + describe());
        }
        return text.substring(start, pos);
    }

    static boolean bare(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** A basic string, single- or multi-line, at its opening quote. */
    String basicString() {
        boolean multi = peek("\"\"\"");
        int open = pos;
        pos += multi ? 3 : 1;
        if (multi) {
            newline(); // a newline right after the opening quotes is not part of the string
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                pos = open;
                throw error(multi ? "unterminated multi-line string" : "unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                if (!multi) {
                    pos++;
                    return sb.toString();
                }
                if (closeMultiline(sb, '"')) {
                    return sb.toString();
                }
            } else if (c == '\\') {
                if (multi && lineEndingBackslash()) {
                    continue;
                }
                escape(sb);
            } else if (multi && newline()) {
                sb.append('\n');
            } else if (!multi && (c == '\n' || c == '\r')) {
                throw error("a single-line string ends before the end of the line (use \"\"\" for a multi-line string)");
            } else if (control(c)) {
                throw error("control character " + describe() + " in a string (write it as an escape)");
            } else {
                sb.append(c);
                pos++;
            }
        }
    }

    /** A literal string, single- or multi-line, at its opening quote. */
    String literalString() {
        boolean multi = peek("'''");
        int open = pos;
        pos += multi ? 3 : 1;
        if (multi) {
            newline();
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                pos = open;
                throw error(multi ? "unterminated multi-line literal string" : "unterminated literal string");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                if (!multi) {
                    pos++;
                    return sb.toString();
                }
                if (closeMultiline(sb, '\'')) {
                    return sb.toString();
                }
            } else if (multi && newline()) {
                sb.append('\n');
            } else if (!multi && (c == '\n' || c == '\r')) {
                throw error("a single-line string ends before the end of the line (use ''' for a multi-line string)");
            } else if (control(c)) {
                throw error("control character " + describe() + " in a literal string");
            } else {
                sb.append(c);
                pos++;
            }
        }
    }

    /** At a run of quotes in a multi-line string: up to two belong to it, three close it. */
    private boolean closeMultiline(StringBuilder sb, char quote) {
        int run = 0;
        while (pos + run < text.length() && text.charAt(pos + run) == quote) {
            run++;
        }
        if (run < 3) {
            sb.append(String.valueOf(quote).repeat(run));
            pos += run;
            return false;
        }
        if (run > 5) {
            pos += 5;
            throw error("three quotes in a row end a multi-line string" + (quote == '"' ? "; escape one as \\\"" : ""));
        }
        sb.append(String.valueOf(quote).repeat(run - 3));
        pos += run;
        return true;
    }

    /** A backslash ending a line of a multi-line basic string trims the whitespace that follows it. */
    private boolean lineEndingBackslash() {
        int p = pos + 1;
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        if (!(text.startsWith("\n", p) || text.startsWith("\r\n", p))) {
            return false;
        }
        pos = p;
        while (true) {
            if (peek(' ') || peek('\t')) {
                pos++;
            } else if (!newline()) {
                return true;
            }
        }
    }

    private void escape(StringBuilder sb) {
        if (pos + 1 >= text.length()) {
            throw error("unterminated escape");
        }
        char e = text.charAt(pos + 1);
        switch (e) {
            case 'b' -> sb.append('\b');
            case 't' -> sb.append('\t');
            case 'n' -> sb.append('\n');
            case 'f' -> sb.append('\f');
            case 'r' -> sb.append('\r');
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case 'u', 'U' -> {
                int digits = e == 'u' ? 4 : 8;
                int code = 0;
                for (int k = 0; k < digits; k++) {
                    int d = pos + 2 + k < text.length() ? hex(text.charAt(pos + 2 + k)) : -1;
                    if (d < 0) {
                        throw error("expected " + digits + " hexadecimal digits after \\" + e);
                    }
                    code = code * 16 + d;
                }
                if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                    throw error("\\" + e + text.substring(pos + 2, pos + 2 + digits) + " is not a Unicode scalar value");
                }
                sb.appendCodePoint(code);
                pos += digits;
            }
            default -> throw error("unknown escape '\\" + (control(e) ? "" : e) + "' (TOML has \\b \\t \\n \\f \\r \\\" "
                    + "\\\\ \\uXXXX \\UXXXXXXXX)");
        }
        pos += 2;
    }

    /**
     * A boolean, number, date or time. It runs to the next delimiter, then is checked as a whole;
     * a date followed by a space and a time is one value.
     */
    Object scalar() {
        int start = pos;
        while (pos < text.length() && !delimiter(text.charAt(pos))) {
            pos++;
        }
        String token = text.substring(start, pos);
        if (token.isEmpty()) {
            throw error("expected a value, found " + describe());
        }
        if (token.equals("true") || token.equals("false")) {
            return Boolean.valueOf(token);
        }
        if (token.length() >= 5 && digits(token, 0, 4) && token.charAt(4) == '-') {
            if (token.length() == 10 && peek(' ') && pos + 3 < text.length() && digit(text.charAt(pos + 1))
                    && digit(text.charAt(pos + 2)) && text.charAt(pos + 3) == ':') {
                pos++;
                while (pos < text.length() && !delimiter(text.charAt(pos))) {
                    pos++;
                }
                token = text.substring(start, pos);
            }
            return dateTime(token, start);
        }
        if (token.length() >= 3 && digits(token, 0, 2) && token.charAt(2) == ':') {
            return time(token, 0, start, token.length());
        }
        return TomlNumbers.number(this, token, start);
    }

    private static boolean delimiter(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}' || c == '#';
    }

    private Object dateTime(String s, int start) {
        int year = number(s, 0, 4, start, "a four-digit year");
        expectChar(s, 4, '-', start);
        int month = number(s, 5, 2, start, "a two-digit month");
        expectChar(s, 7, '-', start);
        int day = number(s, 8, 2, start, "a two-digit day");
        if (month < 1 || month > 12) {
            throw at(start + 5, "month " + s.substring(5, 7) + " is not 01 to 12");
        }
        if (day < 1 || day > daysIn(year, month)) {
            throw at(start + 8, "day " + s.substring(8, 10) + " is not in " + s.substring(0, 7));
        }
        LocalDate date = LocalDate.of(year, month, day);
        if (s.length() == 10) {
            return date;
        }
        char t = s.charAt(10);
        if (t != 'T' && t != 't' && t != ' ') {
            throw at(start + 10, "expected 'T' or a space between the date and the time, found '" + t + "'");
        }
        int end = 11;
        while (end < s.length() && (digit(s.charAt(end)) || s.charAt(end) == ':' || s.charAt(end) == '.')) {
            end++;
        }
        LocalDateTime local = LocalDateTime.of(date, time(s, 11, start, end));
        if (end == s.length()) {
            return local;
        }
        char z = s.charAt(end);
        if ((z == 'Z' || z == 'z') && end + 1 == s.length()) {
            return OffsetDateTime.of(local, ZoneOffset.UTC);
        }
        if ((z == '+' || z == '-') && s.length() == end + 6 && s.charAt(end + 3) == ':') {
            int hours = number(s, end + 1, 2, start, "a two-digit hour offset");
            int minutes = number(s, end + 4, 2, start, "a two-digit minute offset");
            if (hours > 23 || minutes > 59) {
                throw at(start + end, "offset " + s.substring(end) + " is out of range");
            }
            int sign = z == '-' ? -1 : 1;
            return OffsetDateTime.of(local, ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
        }
        throw at(start + end, "expected 'Z' or an offset like +01:00 after the time, found '" + s.substring(end) + "'");
    }

    /** HH:MM:SS with an optional fraction, from {@code from} to exactly {@code end}. */
    private LocalTime time(String s, int from, int start, int end) {
        int hour = number(s, from, 2, start, "a two-digit hour");
        expectChar(s, from + 2, ':', start);
        int minute = number(s, from + 3, 2, start, "two-digit minutes");
        expectChar(s, from + 5, ':', start);
        int second = number(s, from + 6, 2, start, "two-digit seconds");
        if (hour > 23 || minute > 59 || second > 59) {
            throw at(start + from, "time " + s.substring(from, from + 8) + " is out of range"
                    + (second == 60 ? " (a leap second cannot be represented)" : ""));
        }
        int nanos = 0;
        int i = from + 8;
        if (i < end && s.charAt(i) == '.') {
            i++;
            int first = i;
            while (i < end && digit(s.charAt(i))) {
                if (i - first < 9) {
                    nanos = nanos * 10 + (s.charAt(i) - '0');
                }
                i++; // digits beyond nanoseconds are truncated, as the specification allows
            }
            if (i == first) {
                throw at(start + i, "expected a digit after the decimal point of the seconds");
            }
            for (int k = i - first; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i != end) {
            throw at(start + i, "unexpected '" + s.charAt(i) + "' in a time");
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    private static int daysIn(int year, int month) {
        if (month == 2) {
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private int number(String s, int from, int length, int start, String what) {
        if (!digits(s, from, length)) {
            throw at(start + from, "expected " + what);
        }
        return Integer.parseInt(s, from, from + length, 10);
    }

    private void expectChar(String s, int at, char c, int start) {
        if (at >= s.length() || s.charAt(at) != c) {
            throw at(start + at, "expected '" + c + "' in a date or time");
        }
    }

    private static boolean digits(String s, int from, int length) {
        if (from + length > s.length()) {
            return false;
        }
        for (int i = from; i < from + length; i++) {
            if (!digit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Control characters other than tab, which TOML allows only escaped (and newlines where said). */
    static boolean control(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7F;
    }

    /** The character at the position, for messages. */
    String describe() {
        if (atEnd()) {
            return "the end of the text";
        }
        char c = text.charAt(pos);
        if (c == '\n' || peek("\r\n")) {
            return "the end of the line";
        }
        if (control(c) || Character.isSurrogate(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    Toml.TomlException error(String message) {
        return at(pos, message);
    }

    Toml.TomlException at(int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Toml.TomlException(message, line, offset - lineStart + 1);
    }
}
