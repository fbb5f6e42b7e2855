package io.smolsnake.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What one command accepts: its name, its description (one element per line of help), the exit
 * codes help lists ({@code "0:locked"}), and its parameters in the order help lists them. Every
 * command also takes {@link #HELP} and {@link #VERSION}, appended here.
 *
 * <p>{@link #parse} reads {@code --opt value}, {@code --opt=value}, {@code -o value}, {@code -oVALUE},
 * {@code -o=VALUE}, clustered short flags ({@code -hV}), repeated list options ({@code -r a -r b}),
 * options and positional parameters in any order, and {@code --} ending the options. It reflects on
 * nothing: a command costs its few {@link Param} records.
 */
record CommandSpec(String name, List<String> description, List<String> exitCodes, List<Param<?>> params) {
    /** The program's name, which usage lines start with. */
    static final String PROGRAM = "smolsnake";

    static final Param<Boolean> HELP = Param.flag("-h, --help", "Show this help message and exit.");
    static final Param<Boolean> VERSION = Param.flag("-V, --version", "Print version information and exit.");

    CommandSpec {
        description = List.copyOf(description);
        exitCodes = List.copyOf(exitCodes);
        List<Param<?>> all = new ArrayList<>(params.size() + 2);
        all.addAll(params);
        all.add(HELP);
        all.add(VERSION);
        boolean optionalPositional = false;
        for (int i = 0; i < all.size(); i++) {
            Param<?> p = all.get(i);
            for (int j = 0; j < i; j++) {
                Param<?> q = all.get(j);
                if (p == q || !p.positional() && (q.named(p.longName()) || p.shortName() != null
                        && q.named(p.shortName()))) {
                    throw new IllegalArgumentException(name + ": " + p.displayName() + " is declared twice");
                }
            }
            if (p.positional()) {
                if (optionalPositional) {
                    throw new IllegalArgumentException(name + ": " + p.label()
                            + " follows an optional or list positional parameter, so it could never be told apart");
                }
                optionalPositional = p.arity() != Param.Arity.REQUIRED;
            }
        }
        params = List.copyOf(all);
    }

    /** A command's spec; {@link #HELP} and {@link #VERSION} are added to {@code params}. */
    static CommandSpec of(String name, List<String> description, List<String> exitCodes, Param<?>... params) {
        return new CommandSpec(name, description, exitCodes, List.of(params));
    }

    /** How usage lines and messages name the command: {@code smolsnake lock}. */
    String displayName() {
        return name.equals(PROGRAM) ? name : PROGRAM + " " + name;
    }

    /** The first line of the description, which the list of commands shows. */
    String summary() {
        return description.isEmpty() ? "" : description.get(0);
    }

    int indexOf(Param<?> param) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == param) {
                return i;
            }
        }
        throw new IllegalArgumentException(param.displayName() + " is not a parameter of " + name);
    }

    /**
     * Reads {@code args} from index {@code from} on. With {@code --help} or {@code --version} among
     * them, what is required is not checked (help is printed instead).
     *
     * @throws UsageException for an unknown option, a missing or unconvertible value, an option given
     *     twice that takes one value, an extra argument, or a missing required option or parameter
     */
    ParsedArgs parse(String[] args, int from) throws UsageException {
        Object[] values = new Object[params.size()];
        int positional = nextPositional(-1);
        boolean options = true;
        int firstUnmatched = -1;
        List<String> unmatched = null;
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (options && arg.equals("--")) {
                options = false;
            } else if (!options || arg.length() < 2 || arg.charAt(0) != '-') {
                if (positional < 0) {
                    if (unmatched == null) {
                        unmatched = new ArrayList<>();
                        firstUnmatched = i;
                    }
                    unmatched.add(arg);
                    continue;
                }
                Param<?> p = params.get(positional);
                set(values, positional, p.convert(arg, arg, i), arg, i);
                if (p.arity() != Param.Arity.LIST) {
                    positional = nextPositional(positional);
                }
            } else if (arg.charAt(1) == '-') {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                int at = longOption(name);
                if (at < 0) {
                    throw unknownOption(name, i);
                }
                Param<?> p = params.get(at);
                if (eq >= 0) {
                    set(values, at, p.convert(arg.substring(eq + 1), arg, i), arg, i);
                } else if (p.kind() == Param.Kind.FLAG) {
                    set(values, at, Boolean.TRUE, arg, i);
                } else {
                    i = valueAfter(args, i, p);
                    set(values, at, p.convert(args[i], args[i], i), arg, i);
                }
            } else {
                i = shortOptions(args, i, values);
            }
        }
        if (Boolean.TRUE.equals(values[indexOf(HELP)]) || Boolean.TRUE.equals(values[indexOf(VERSION)])) {
            return new ParsedArgs(this, values);
        }
        if (unmatched != null) {
            throw unmatched(unmatched, firstUnmatched);
        }
        checkRequired(values);
        for (int i = 0; i < values.length; i++) {
            Param<?> p = params.get(i);
            if (values[i] == null && p.defaultValue() != null) {
                values[i] = p.convert(p.defaultValue(), null, -1);
                if (p.arity() == Param.Arity.LIST) {
                    values[i] = List.of(values[i]);
                }
            } else if (values[i] instanceof List<?> list) {
                values[i] = List.copyOf(list);
            }
        }
        return new ParsedArgs(this, values);
    }

    /** Reads one argument of short options ({@code -hV}, {@code -j4}, {@code -o FILE}); returns the last index used. */
    private int shortOptions(String[] args, int i, Object[] values) throws UsageException {
        String arg = args[i];
        for (int j = 1; j < arg.length(); j++) {
            int at = shortOption(arg.charAt(j));
            if (at < 0) {
                throw unknownOption(j == 1 ? arg : arg.substring(0, j + 1), i);
            }
            Param<?> p = params.get(at);
            if (p.kind() == Param.Kind.FLAG) {
                set(values, at, Boolean.TRUE, arg, i);
                continue;
            }
            int start = j + 1 < arg.length() && arg.charAt(j + 1) == '=' ? j + 2 : j + 1;
            if (start < arg.length() || start > j + 1) {
                set(values, at, p.convert(arg.substring(start), arg, i), arg, i);
                return i;
            }
            int v = valueAfter(args, i, p);
            set(values, at, p.convert(args[v], args[v], v), arg, v);
            return v;
        }
        return i;
    }

    /** The index of the value after the option at {@code i}, which must be there and not be an option. */
    private int valueAfter(String[] args, int i, Param<?> p) throws UsageException {
        if (i + 1 >= args.length || isOption(args[i + 1])) {
            throw new UsageException("Missing required parameter for option '" + p.longName() + "' (" + p.label()
                    + ")", args[i], i);
        }
        return i + 1;
    }

    /** Whether {@code arg} reads as one of this command's options (so it is not taken as another's value). */
    private boolean isOption(String arg) {
        if (arg.length() < 2 || arg.charAt(0) != '-') {
            return false;
        }
        if (arg.charAt(1) != '-') {
            return shortOption(arg.charAt(1)) >= 0;
        }
        int eq = arg.indexOf('=');
        return arg.length() == 2 || longOption(eq < 0 ? arg : arg.substring(0, eq)) >= 0;
    }

    private void set(Object[] values, int at, Object value, String arg, int index) throws UsageException {
        Param<?> p = params.get(at);
        if (p.arity() == Param.Arity.LIST) {
            @SuppressWarnings("unchecked")
            List<Object> list = values[at] == null ? new ArrayList<>() : (List<Object>) values[at];
            list.add(value);
            values[at] = list;
        } else if (values[at] != null) {
            throw new UsageException(p.positional() ? "Parameter '" + p.label() + "' should be specified only once"
                    : "option '" + p.longName() + "'" + (p.label() == null ? "" : " (" + p.label() + ")")
                            + " should be specified only once", arg, index);
        } else {
            values[at] = value;
        }
    }

    private void checkRequired(Object[] values) throws UsageException {
        List<String> options = new ArrayList<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Param<?> p = params.get(i);
            if (values[i] == null && p.arity() == Param.Arity.REQUIRED) {
                if (p.positional()) {
                    positionals.add("'" + p.label() + "'");
                } else {
                    options.add("'" + p.longName() + "=" + p.label() + "'");
                }
            }
        }
        if (!options.isEmpty()) {
            throw new UsageException("Missing required option" + (options.size() == 1 ? ": " : "s: ")
                    + String.join(", ", options), null, -1);
        }
        if (!positionals.isEmpty()) {
            throw new UsageException("Missing required parameter" + (positionals.size() == 1 ? ": " : "s: ")
                    + String.join(", ", positionals), null, -1);
        }
    }

    private UsageException unknownOption(String name, int index) {
        List<String> names = new ArrayList<>();
        for (Param<?> p : params) {
            if (!p.positional()) {
                names.add(p.longName());
                if (p.shortName() != null) {
                    names.add(p.shortName());
                }
            }
        }
        List<String> close = DidYouMean.among(name, names);
        return new UsageException("Unknown option: '" + name + "'"
                + (close.isEmpty() ? "" : "\nDid you mean: " + DidYouMean.either(close) + "?"), name, index);
    }

    private static UsageException unmatched(List<String> unmatched, int first) {
        StringBuilder quoted = new StringBuilder();
        for (String arg : unmatched) {
            quoted.append(quoted.length() == 0 ? "'" : ", '").append(arg).append('\'');
        }
        return new UsageException(unmatched.size() == 1 ? "Unmatched argument at index " + first + ": " + quoted
                : "Unmatched arguments from index " + first + ": " + quoted, unmatched.get(0), first);
    }

    private int longOption(String name) {
        for (int i = 0; i < params.size(); i++) {
            if (name.equals(params.get(i).longName())) {
                return i;
            }
        }
        return -1;
    }

    private int shortOption(char c) {
        for (int i = 0; i < params.size(); i++) {
            String s = params.get(i).shortName();
            if (s != null && s.charAt(1) == c) {
                return i;
            }
        }
        return -1;
    }

    private int nextPositional(int after) {
        for (int i = after + 1; i < params.size(); i++) {
            if (params.get(i).positional()) {
                return i;
            }
        }
        return -1;
    }
}
