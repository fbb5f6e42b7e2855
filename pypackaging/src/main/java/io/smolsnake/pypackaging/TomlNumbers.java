package io.smolsnake.pypackaging;

/**
 * TOML integers (decimal with underscores, {@code 0x}/{@code 0o}/{@code 0b}, 64-bit signed) and
 * floats (fraction and/or exponent, {@code inf}, {@code nan}), checked against the grammar before
 * Java converts them, so no {@link NumberFormatException} escapes.
 */
final class TomlNumbers {
    private TomlNumbers() {}

    static Object number(TomlCursor in, String s, int start) {
        boolean signed = s.charAt(0) == '+' || s.charAt(0) == '-';
        String body = signed ? s.substring(1) : s;
        if (body.equals("inf")) {
            return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.isEmpty() || !TomlCursor.digit(body.charAt(0))) {
            throw in.at(start, "expected a value (a quoted string, number, boolean, date, array or inline table), found '"
                    + s + "'");
        }
        if (s.length() > 1 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'o' || s.charAt(1) == 'b')) {
            int radix = s.charAt(1) == 'x' ? 16 : s.charAt(1) == 'o' ? 8 : 2;
            int end = digits(in, s, 2, radix, start);
            if (end < s.length()) {
                throw in.at(start + end, "unexpected '" + s.charAt(end) + "' in a base-" + radix + " integer");
            }
            return integer(in, s.substring(2).replace("_", ""), radix, s, start);
        }
        int intStart = signed ? 1 : 0;
        int i = digits(in, s, intStart, 10, start);
        if (s.charAt(intStart) == '0' && i > intStart + 1) {
            throw in.at(start + intStart, "a number cannot start with a zero (leading zeros are not allowed)");
        }
        boolean isFloat = false;
        if (i < s.length() && s.charAt(i) == '.') {
            isFloat = true;
            i = digits(in, s, i + 1, 10, start);
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            isFloat = true;
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            i = digits(in, s, i, 10, start);
        }
        if (i < s.length()) {
            throw in.at(start + i, "unexpected '" + s.charAt(i) + "' in a number");
        }
        String plain = s.replace("_", "");
        return isFloat ? (Object) Double.parseDouble(plain) : integer(in, plain, 10, s, start);
    }

    private static Long integer(TomlCursor in, String digits, int radix, String written, int start) {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw in.at(start, "integer " + written + " does not fit in 64 bits (TOML integers are signed 64-bit)");
        }
    }

    /** At least one digit of the radix, with single underscores between digits; returns where they end. */
    private static int digits(TomlCursor in, String s, int i, int radix, int start) {
        if (i >= s.length() || value(s.charAt(i), radix) < 0) {
            throw in.at(start + i, "expected a " + (radix == 10 ? "" : "base-" + radix + " ") + "digit in '" + s + "'");
        }
        i++;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '_') {
                if (i + 1 >= s.length() || value(s.charAt(i + 1), radix) < 0) {
                    throw in.at(start + i, "an underscore in a number must stand between two digits");
                }
                i += 2;
            } else if (value(c, radix) >= 0) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static int value(char c, int radix) {
        int d = TomlCursor.hex(c);
        return d < radix ? d : -1;
    }
}
