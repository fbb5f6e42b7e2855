package io.smolsnake.cli;

import java.util.List;

/**
 * A command's help as text, laid out as picocli's was: the usage line, the description, the
 * parameters in two columns (names, then the description wrapped at {@value #WIDTH} columns), then
 * the commands (for the program) and the exit codes.
 */
final class Help {
    /** The width help is wrapped to. */
    static final int WIDTH = 80;
    /** Names longer than this get a line of their own, with their description under them. */
    private static final int MAX_NAMES = 26;

    private Help() {}

    /**
     * The usage line ({@code Usage: smolsnake lock [-hV] [--pre] [-o=FILE] [-r=FILE]... [PROJECT_DIR]}),
     * wrapped under the command's name; {@code " [COMMAND]"} ends the program's.
     */
    static String usage(CommandSpec spec, boolean hasCommands) {
        StringBuilder s = new StringBuilder("Usage: ").append(spec.displayName());
        int indent = s.length() + 1;
        int column = s.length();
        StringBuilder cluster = new StringBuilder();
        for (Param<?> p : spec.params()) {
            if (p.kind() == Param.Kind.FLAG && p.shortName() != null) {
                cluster.append(p.shortName().charAt(1));
            }
        }
        if (cluster.length() > 0) {
            column = word(s, "[-" + cluster + "]", column, indent);
        }
        for (Param<?> p : spec.params()) {
            if (!p.positional() && !(p.kind() == Param.Kind.FLAG && p.shortName() != null)) {
                String name = p.shortName() != null ? p.shortName() : p.longName();
                String item = p.label() == null ? name : name + "=" + p.label();
                column = word(s, p.arity() == Param.Arity.REQUIRED ? item : "[" + item + "]"
                        + (p.arity() == Param.Arity.LIST ? "..." : ""), column, indent);
            }
        }
        for (Param<?> p : spec.params()) {
            if (p.positional()) {
                column = word(s, positionalName(p), column, indent);
            }
        }
        if (hasCommands) {
            word(s, "[COMMAND]", column, indent);
        }
        return s.append('\n').toString();
    }

    /** The full help of {@code spec}; {@code commands} (empty for a command) are listed after its parameters. */
    static String help(CommandSpec spec, List<CommandSpec> commands) {
        StringBuilder s = new StringBuilder(usage(spec, !commands.isEmpty()));
        for (String line : spec.description()) {
            wrap(s, line, 0, 0);
        }
        int width = 0;
        for (Param<?> p : spec.params()) {
            int n = names(p).length();
            if (n <= MAX_NAMES && n > width) {
                width = n;
            }
        }
        int column = width + 3;
        for (Param<?> p : spec.params()) {
            String names = names(p);
            s.append(names);
            int at = names.length();
            if (at > column - 2) {
                s.append('\n');
                at = 0;
            }
            for (String line : p.description()) {
                String text = p.defaultValue() == null ? line : line.replace("${DEFAULT-VALUE}", p.defaultValue());
                at = pad(s, at, column);
                wrap(s, text, at, column + 2);
                at = 0;
            }
            if (p.description().isEmpty()) {
                s.append('\n');
            }
        }
        if (!commands.isEmpty()) {
            s.append("Commands:\n");
            int nameWidth = 0;
            for (CommandSpec c : commands) {
                nameWidth = Math.max(nameWidth, c.name().length());
            }
            for (CommandSpec c : commands) {
                s.append("  ").append(c.name());
                int at = pad(s, 2 + c.name().length(), nameWidth + 4);
                wrap(s, c.summary(), at, nameWidth + 6);
            }
        }
        if (!spec.exitCodes().isEmpty()) {
            s.append("\nExit codes:\n");
            int keyWidth = 0;
            for (String code : spec.exitCodes()) {
                keyWidth = Math.max(keyWidth, code.indexOf(':'));
            }
            for (String code : spec.exitCodes()) {
                int colon = code.indexOf(':');
                s.append("  ").append(code, 0, colon);
                int at = pad(s, 2 + colon, keyWidth + 5);
                wrap(s, code.substring(colon + 1), at, keyWidth + 7);
            }
        }
        return s.toString();
    }

    /** The left column: {@code   -r, --requirement=FILE}, {@code       --pre}, {@code       [PROJECT_DIR]}. */
    private static String names(Param<?> p) {
        if (p.positional()) {
            return "      " + positionalName(p);
        }
        String value = p.label() == null ? "" : "=" + p.label();
        return (p.shortName() == null ? "      " : "  " + p.shortName() + ", ") + p.longName() + value;
    }

    private static String positionalName(Param<?> p) {
        switch (p.arity()) {
            case REQUIRED:
                return p.label();
            case LIST:
                return "[" + p.label() + "...]";
            default:
                return "[" + p.label() + "]";
        }
    }

    /** Appends {@code word} after a space, or on a new line indented by {@code indent} when it would pass the width. */
    private static int word(StringBuilder s, String word, int column, int indent) {
        if (column + 1 + word.length() > WIDTH && column > indent) {
            s.append('\n');
            column = pad(s, 0, indent);
        } else {
            s.append(' ');
            column++;
        }
        s.append(word);
        return column + word.length();
    }

    /** Appends spaces from {@code column} to {@code to} (at least one past the text unless at the line's start). */
    private static int pad(StringBuilder s, int column, int to) {
        int target = column == 0 || column < to ? to : column + 1;
        for (int i = column; i < target; i++) {
            s.append(' ');
        }
        return target;
    }

    /**
     * Appends {@code text} from {@code column} (where the line already is), breaking between words
     * before the width; later lines start at {@code continuation}. Ends the line.
     */
    static void wrap(StringBuilder s, String text, int column, int continuation) {
        int at = column;
        boolean lineEmpty = true;
        int i = 0;
        while (i < text.length()) {
            int end = text.indexOf(' ', i);
            if (end < 0) {
                end = text.length();
            }
            if (end > i) {
                int length = end - i;
                if (!lineEmpty && at + 1 + length > WIDTH) {
                    s.append('\n');
                    at = pad(s, 0, continuation);
                    lineEmpty = true;
                }
                if (!lineEmpty) {
                    s.append(' ');
                    at++;
                }
                s.append(text, i, end);
                at += length;
                lineEmpty = false;
            }
            i = end + 1;
        }
        s.append('\n');
    }
}
