package io.smolsnake.pypackaging.project;

import java.util.ArrayList;
import java.util.List;

/** pip's requirements-file options, and the shell-like splitting and optparse-like matching of them. */
final class Options {
    private Options() {}

    enum Spec {
        INDEX_URL("-i", "--index-url", true),
        EXTRA_INDEX_URL(null, "--extra-index-url", true),
        NO_INDEX(null, "--no-index", false),
        CONSTRAINT("-c", "--constraint", true),
        REQUIREMENT("-r", "--requirement", true),
        EDITABLE("-e", "--editable", true),
        FIND_LINKS("-f", "--find-links", true),
        NO_BINARY(null, "--no-binary", true),
        ONLY_BINARY(null, "--only-binary", true),
        PREFER_BINARY(null, "--prefer-binary", false),
        REQUIRE_HASHES(null, "--require-hashes", false),
        PRE(null, "--pre", false),
        TRUSTED_HOST(null, "--trusted-host", true),
        USE_FEATURE(null, "--use-feature", true),
        HASH(null, "--hash", true),
        CONFIG_SETTINGS(null, "--config-settings", true),
        GLOBAL_OPTION(null, "--global-option", true);

        final String shortName;
        final String longName;
        final boolean takesValue;

        Spec(String shortName, String longName, boolean takesValue) {
            this.shortName = shortName;
            this.longName = longName;
            this.takesValue = takesValue;
        }
    }

    private record Token(String text, int start, int end) {}

    /** Parses the options in {@code text} from {@code from}; problems are reported against {@code line}. */
    static List<Option> parse(LogicalLine line, String text, int from) {
        List<Token> tokens = split(line, text, from);
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String word = t.text();
            Spec spec;
            String name;
            String value = null;
            int valueStart = t.end();
            if (word.startsWith("--")) {
                int eq = word.indexOf('=');
                name = eq < 0 ? word : word.substring(0, eq);
                spec = longOption(line, name, t);
                if (eq >= 0) {
                    value = word.substring(eq + 1);
                    valueStart = t.start() + eq + 1;
                    if (!spec.takesValue) {
                        throw new ProjectInputException(line.problem(t.start(), t.end(),
                                spec.longName + " does not take a value"));
                    }
                }
            } else if (word.startsWith("-") && word.length() > 1) {
                name = word.substring(0, 2);
                spec = shortOption(line, name, t);
                if (word.length() > 2) {
                    value = word.substring(2);
                    valueStart = t.start() + 2;
                }
            } else {
                throw new ProjectInputException(line.problem(t.start(), t.end(),
                        "unexpected argument '" + word + "' (a requirement goes before the options)"));
            }
            int end = t.end();
            if (spec.takesValue && value == null) {
                if (i + 1 >= tokens.size()) {
                    throw new ProjectInputException(line.problem(t.start(), t.end(), name + " requires a value"));
                }
                Token next = tokens.get(++i);
                value = next.text();
                valueStart = next.start();
                end = next.end();
            }
            options.add(new Option(spec, name, value, t.start(), end, valueStart));
        }
        return options;
    }

    private static Spec longOption(LogicalLine line, String name, Token t) {
        List<Spec> matches = new ArrayList<>();
        for (Spec s : Spec.values()) {
            if (s.longName.equals(name)) {
                return s;
            }
            if (s.longName.startsWith(name) && name.length() > 2) {
                matches.add(s);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        int end = t.start() + name.length();
        if (matches.isEmpty()) {
            throw new ProjectInputException(line.problem(t.start(), end, "unknown option " + name));
        }
        throw new ProjectInputException(line.problem(t.start(), end, "ambiguous option " + name + " (could be "
                + String.join(", ", matches.stream().map(s -> s.longName).toList()) + ")"));
    }

    private static Spec shortOption(LogicalLine line, String name, Token t) {
        for (Spec s : Spec.values()) {
            if (name.equals(s.shortName)) {
                return s;
            }
        }
        throw new ProjectInputException(line.problem(t.start(), t.start() + 2, "unknown option " + name));
    }

    /** POSIX shell-like splitting ({@code shlex.split}): quotes group, backslash escapes. */
    private static List<Token> split(LogicalLine line, String text, int from) {
        List<Token> tokens = new ArrayList<>();
        int i = from;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                char c = text.charAt(i);
                if (c == '\'' || c == '"') {
                    int close = i + 1;
                    while (close < text.length() && text.charAt(close) != c) {
                        if (c == '"' && text.charAt(close) == '\\' && close + 1 < text.length()) {
                            close++;
                        }
                        close++;
                    }
                    if (close >= text.length()) {
                        throw new ProjectInputException(line.problem(i, i + 1, "no closing quotation"));
                    }
                    String inner = text.substring(i + 1, close);
                    word.append(c == '"' ? inner.replaceAll("\\\\([\"\\\\$`])", "$1") : inner);
                    i = close + 1;
                } else if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(i + 1));
                    i += 2;
                } else {
                    word.append(c);
                    i++;
                }
            }
            tokens.add(new Token(word.toString(), start, i));
        }
        return tokens;
    }
}
