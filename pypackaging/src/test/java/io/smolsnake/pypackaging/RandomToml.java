package io.smolsnake.pypackaging;

import java.util.Random;

/**
 * Valid TOML documents from a seeded {@link Random}, using every form of key, string, number,
 * date, array and table the specification has, for a differential test against another reader.
 * Keys are numbered, so none is defined twice. Newlines inside multi-line strings are LF only:
 * Jackson keeps a CRLF there as written, where this reader (like Python's tomllib) normalises it
 * to LF, which the specification allows.
 */
final class RandomToml {
    private final Random r;
    private final StringBuilder out = new StringBuilder();
    private int keys;

    RandomToml(Random r) {
        this.r = r;
    }

    String document() {
        keyValues(r.nextInt(4));
        for (int s = r.nextInt(4); s > 0; s--) {
            String path = key() + (r.nextBoolean() ? " . " + key() : "");
            if (r.nextBoolean()) {
                out.append(r.nextBoolean() ? "[" : "[ ").append(path).append("]").append(comment()).append(newline());
                keyValues(r.nextInt(4));
            } else {
                for (int n = 1 + r.nextInt(3); n > 0; n--) {
                    out.append("[[").append(path).append("]]").append(newline());
                    keyValues(r.nextInt(3));
                    if (r.nextInt(3) == 0) {
                        out.append("[").append(path).append(".").append(key()).append("]").append(newline());
                        keyValues(1);
                    }
                }
            }
        }
        return out.toString();
    }

    private void keyValues(int n) {
        for (int i = 0; i < n; i++) {
            if (r.nextInt(4) == 0) {
                out.append(r.nextBoolean() ? "\n" : "  \t# a comment line\n");
            }
            String k = key();
            if (r.nextInt(4) == 0) {
                k = k + (r.nextBoolean() ? "." : " . ") + key();
            }
            out.append(k).append(r.nextBoolean() ? " = " : "=").append(value(0)).append(comment()).append(newline());
        }
    }

    private String key() {
        int n = keys++;
        return switch (r.nextInt(5)) {
            case 0 -> "\"k " + n + "\\u00e9\"";
            case 1 -> "'k." + n + "'";
            case 2 -> "" + n;
            default -> "k_" + n + (r.nextBoolean() ? "-x" : "");
        };
    }

    private String value(int depth) {
        int kind = r.nextInt(depth > 2 ? 14 : 16);
        return switch (kind) {
            case 0 -> "\"" + basic(false) + "\"";
            case 1 -> "'" + literal(false) + "'";
            case 2 -> "\"\"\"" + (r.nextBoolean() ? newline() : "") + basic(true) + "\"\"\"";
            case 3 -> "'''" + (r.nextBoolean() ? newline() : "") + literal(true) + "'''";
            case 4 -> decimal();
            case 5 -> switch (r.nextInt(3)) {
                case 0 -> "0x" + underscores(Long.toHexString(r.nextLong() >>> 1));
                case 1 -> "0o" + underscores(Long.toOctalString(r.nextInt(1 << 20)));
                default -> "0b" + underscores(Long.toBinaryString(r.nextInt(1 << 12)));
            };
            case 6 -> floating();
            case 7 -> r.nextBoolean() ? "true" : "false";
            case 8 -> date() + (r.nextBoolean() ? "T" : " ") + time() + switch (r.nextInt(3)) {
                case 0 -> "Z";
                case 1 -> "-07:00";
                default -> "+05:30";
            };
            case 9 -> date() + "T" + time();
            case 10 -> date();
            case 11 -> time();
            case 12, 13 -> decimal();
            case 14 -> {
                StringBuilder a = new StringBuilder("[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.append(i == 0 ? "" : ",").append(r.nextBoolean() ? " " : newline() + "  ").append(value(depth + 1));
                }
                a.append(n > 0 && r.nextBoolean() ? ",\n" : "").append("]");
                yield a.toString();
            }
            default -> {
                StringBuilder t = new StringBuilder("{");
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    t.append(i == 0 ? " " : ", ").append(key()).append(" = ").append(value(depth + 1));
                }
                yield t.append(n > 0 ? " }" : "}").toString();
            }
        };
    }

    private String decimal() {
        long v = switch (r.nextInt(3)) {
            case 0 -> r.nextInt(100);
            case 1 -> r.nextInt(2_000_000) - 1_000_000;
            // Jackson 2.20 misreads decimal integers of 19 digits (4273261078382724884 as 8382724884), so 18 at most
            default -> r.nextLong() % 1_000_000_000_000_000_000L;
        };
        return (v < 0 ? "-" : r.nextInt(4) == 0 ? "+" : "") + underscores(Long.toString(Math.abs(v)));
    }

    private String floating() {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextInt(1000) + "." + underscores(Integer.toString(r.nextInt(100_000)));
            case 1 -> "-" + r.nextInt(1000) + "." + r.nextInt(10) + "e" + (r.nextInt(40) - 20);
            case 2 -> r.nextInt(10) + "E+" + r.nextInt(30);
            case 3 -> Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10));
            case 4 -> "0.0";
            default -> "1_000.5e-3";
        };
    }

    /** Underscores between some digits, never first, last or doubled. */
    private String underscores(String digits) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && r.nextInt(5) == 0) {
                s.append('_');
            }
            s.append(digits.charAt(i));
        }
        return s.toString();
    }

    private String date() {
        return String.format("%04d-%02d-%02d", 1900 + r.nextInt(200), 1 + r.nextInt(12), 1 + r.nextInt(28));
    }

    private String time() {
        String hms = String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
        return r.nextBoolean() ? hms : hms + "." + String.format("%03d", r.nextInt(1000));
    }

    private String basic(boolean multi) {
        String[] pool = {"a", "b", " ", "\\t", "\\n", "\\\"", "\\\\", "\\u00e9", "\\U0001F600", "é", "😀", "#", "'",
            "\t"};
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
            s.append(pool[r.nextInt(pool.length)]);
            if (multi && r.nextInt(5) == 0) {
                s.append(r.nextBoolean() ? "\n" : "\"");
            }
            if (multi && r.nextInt(8) == 0) {
                s.append("\\").append(newline()).append("  \n ");
            }
        }
        return s.toString();
    }

    private String literal(boolean multi) {
        String[] pool = {"a", "b", " ", "\\", "\\n", "\"", "é", "😀", "#", "\t"};
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
            s.append(pool[r.nextInt(pool.length)]);
            if (multi && r.nextInt(5) == 0) {
                s.append(r.nextBoolean() ? "\n" : "'");
            }
        }
        return s.toString();
    }

    private String comment() {
        return r.nextInt(4) == 0 ? " # note é" : "";
    }

    private String newline() {
        return r.nextInt(5) == 0 ? "\r\n" : "\n";
    }
}
