package io.smolsnake.pypackaging.requirement;

/**
 * Decodes a quoted marker string the way Python's {@code ast.literal_eval} reads a one-line string
 * literal, which is what pypa/packaging does: backslash escapes are interpreted ({@code \n},
 * {@code \x41}, {@code \u00e9}, {@code \N{BULLET}}, octal), unknown escapes are kept as written,
 * and a string that Python would reject (a raw line break or NUL, a truncated escape, a backslash
 * before the closing quote) is rejected.
 */
final class PythonStringLiteral {
    private PythonStringLiteral() {}

    /** Thrown for a literal Python would not accept. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** @param token the literal including its quotes, e.g. {@code 'a\tb'} */
    static String decode(String token) throws Invalid {
        char quote = token.charAt(0);
        int end = token.length() - 1;
        StringBuilder out = new StringBuilder(end);
        int i = 1;
        while (i < end) {
            char c = token.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new Invalid("unterminated string literal");
            }
            if (c == '\0') {
                throw new Invalid("source code string cannot contain null bytes");
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= end) {
                // The backslash escapes the closing quote: the literal never ends.
                throw new Invalid("unterminated string literal");
            }
            char e = token.charAt(i + 1);
            i += 2;
            switch (e) {
                case '\n' -> { }
                case '\r' -> {
                    if (i < end && token.charAt(i) == '\n') {
                        i++;
                    }
                }
                case '\\' -> out.append('\\');
                case '\'' -> out.append('\'');
                case '"' -> out.append('"');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000B');
                case 'x' -> i = hex(token, i, end, 2, out);
                case 'u' -> i = hex(token, i, end, 4, out);
                case 'U' -> i = hex(token, i, end, 8, out);
                case 'N' -> i = named(token, i, end, out);
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        int digits = 1;
                        while (digits < 3 && i < end && token.charAt(i) >= '0' && token.charAt(i) <= '7') {
                            value = value * 8 + (token.charAt(i) - '0');
                            i++;
                            digits++;
                        }
                        out.append((char) value);
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
        if (token.length() < 2 || token.charAt(end) != quote) {
            throw new Invalid("unterminated string literal");
        }
        return out.toString();
    }

    private static int hex(String token, int at, int end, int digits, StringBuilder out) throws Invalid {
        if (at + digits > end) {
            throw new Invalid("truncated escape");
        }
        long value = 0;
        for (int k = 0; k < digits; k++) {
            int d = Character.digit(token.charAt(at + k), 16);
            if (d < 0 || token.charAt(at + k) > 'f') {
                throw new Invalid("truncated escape");
            }
            value = value * 16 + d;
        }
        if (value > Character.MAX_CODE_POINT) {
            throw new Invalid("illegal Unicode character");
        }
        out.appendCodePoint((int) value);
        return at + digits;
    }

    private static int named(String token, int at, int end, StringBuilder out) throws Invalid {
        int close = token.indexOf('}', at);
        if (at >= end || token.charAt(at) != '{' || close < 0 || close >= end || close == at + 1) {
            throw new Invalid("malformed \\N character escape");
        }
        try {
            out.appendCodePoint(Character.codePointOf(token.substring(at + 1, close)));
        } catch (IllegalArgumentException unknown) {
            throw new Invalid("unknown Unicode character name");
        }
        return close + 1;
    }
}
