package io.smolsnake.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * One option ({@code --store DIR}, {@code -j N}, {@code --json}) or positional parameter
 * ({@code PROJECT_DIR}) of a command: its names, the label of its value, its help text, the type its
 * value converts to and how often it may be given. {@code T} is the type of one value.
 *
 * <p>Built with the factories and the {@code with...} methods, read back with
 * {@link ParsedArgs#get(Param)} and {@link ParsedArgs#all(Param)}. A description may contain
 * {@code ${DEFAULT-VALUE}}, which help replaces with the default.
 *
 * @param longName the option's {@code --name}; null for a positional parameter
 * @param shortName the option's {@code -x} alias, or null
 * @param label the value's name in help ({@code DIR}); a positional parameter's name; null for a flag
 * @param description help text, one element per line
 * @param kind what a value converts to
 * @param arity optional, required, or a list (a repeatable option, a positional taking the rest)
 * @param defaultValue the value (as a user would type it) when none is given, or null
 * @param choices the values a {@link Kind#CHOICE} accepts
 */
record Param<T>(String longName, String shortName, String label, List<String> description, Kind kind, Arity arity,
        String defaultValue, List<String> choices) {

    /** What a value converts to. */
    enum Kind {
        /** An option without a value: true when given ({@code --json}, or {@code --json=false}). */
        FLAG, STRING, INT, LONG, PATH,
        /** One of {@link Param#choices()}, as given. */
        CHOICE
    }

    /** How many values: at most one, exactly one, or any number. */
    enum Arity {
        OPTIONAL, REQUIRED,
        /** A repeatable option ({@code -r a -r b}), or a positional parameter taking all that are left. */
        LIST
    }

    Param {
        if (longName == null && (shortName != null || kind == Kind.FLAG || label == null)) {
            throw new IllegalArgumentException("a positional parameter has a label and no option names: " + label);
        }
        if (longName != null && (!longName.startsWith("--") || longName.length() < 3)) {
            throw new IllegalArgumentException("an option's long name starts with --: " + longName);
        }
        if (shortName != null && (shortName.length() != 2 || shortName.charAt(0) != '-' || shortName.charAt(1) == '-')) {
            throw new IllegalArgumentException("an option's short name is - and one character: " + shortName);
        }
        if ((kind == Kind.FLAG) != (label == null)) {
            throw new IllegalArgumentException("a flag has no value label, every other option has one: " + longName);
        }
        if (kind == Kind.FLAG && arity != Arity.OPTIONAL) {
            throw new IllegalArgumentException("a flag is given once or not at all: " + longName);
        }
        if ((kind == Kind.CHOICE) == choices.isEmpty()) {
            throw new IllegalArgumentException("a choice, and only a choice, lists its values: " + longName);
        }
        description = List.copyOf(description);
        choices = List.copyOf(choices);
    }

    /** A flag: {@code names} is {@code "--json"} or {@code "-f, --force"}. */
    static Param<Boolean> flag(String names, String... description) {
        return new Param<>(longOf(names), shortOf(names), null, List.of(description), Kind.FLAG, Arity.OPTIONAL,
                null, List.of());
    }

    /** An option taking a string value labelled {@code label} in help. */
    static Param<String> option(String names, String label, String... description) {
        return new Param<>(longOf(names), shortOf(names), label, List.of(description), Kind.STRING, Arity.OPTIONAL,
                null, List.of());
    }

    /** A positional parameter, named {@code label} in help; optional until {@link #required()} or {@link #list()}. */
    static Param<String> positional(String label, String... description) {
        return new Param<>(null, null, label, List.of(description), Kind.STRING, Arity.OPTIONAL, null, List.of());
    }

    /** This parameter with values converted to paths. */
    Param<Path> paths() {
        return new Param<>(longName, shortName, label, description, Kind.PATH, arity, defaultValue, choices);
    }

    /** This parameter with values converted to {@code int}. */
    Param<Integer> ints() {
        return new Param<>(longName, shortName, label, description, Kind.INT, arity, defaultValue, choices);
    }

    /** This parameter with values converted to {@code long}. */
    Param<Long> longs() {
        return new Param<>(longName, shortName, label, description, Kind.LONG, arity, defaultValue, choices);
    }

    /** This parameter accepting only {@code values} (as typed, case-sensitive). */
    Param<String> choices(String... values) {
        return new Param<>(longName, shortName, label, description, Kind.CHOICE, arity, defaultValue,
                List.of(values));
    }

    /** This parameter, which must be given. */
    Param<T> required() {
        return new Param<>(longName, shortName, label, description, kind, Arity.REQUIRED, defaultValue, choices);
    }

    /** This option repeatable, or this positional parameter taking every argument left. */
    Param<T> list() {
        return new Param<>(longName, shortName, label, description, kind, Arity.LIST, defaultValue, choices);
    }

    /** This parameter with {@code value} (converted as a given value is) when it is not given. */
    Param<T> withDefault(String value) {
        return new Param<>(longName, shortName, label, description, kind, arity, value, choices);
    }

    boolean positional() {
        return longName == null;
    }

    /** How errors name it: {@code '--store'} style for an option, the label for a positional parameter. */
    String displayName() {
        return positional() ? label : longName;
    }

    /** Whether {@code name} ({@code --store} or {@code -j}) names this option. */
    boolean named(String name) {
        return name.equals(longName) || name.equals(shortName);
    }

    /** {@code value} converted to {@code T}; {@code arg} is where it came from, for the error. */
    Object convert(String value, String arg, int index) throws UsageException {
        // plain comparisons rather than a switch on the enum, whose lookup table is one more class to load
        if (kind == Kind.STRING) {
            return value;
        }
        if (kind == Kind.FLAG) {
            if (value.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (value.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw invalid(value, "is not a boolean", arg, index);
        }
        if (kind == Kind.INT) {
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException e) {
                throw invalid(value, "is not an int", arg, index);
            }
        }
        if (kind == Kind.LONG) {
            try {
                return Long.valueOf(value);
            } catch (NumberFormatException e) {
                throw invalid(value, "is not a long", arg, index);
            }
        }
        if (kind == Kind.PATH) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw invalid(value, "is not a path (" + e.getReason() + ")", arg, index);
            }
        }
        if (choices.contains(value)) {
            return value;
        }
        throw invalid(value, "is not one of " + String.join(", ", choices), arg, index);
    }

    private UsageException invalid(String value, String why, String arg, int index) {
        String what = positional() ? "positional parameter " + label : "option '" + longName + "'";
        return new UsageException("Invalid value for " + what + ": '" + value + "' " + why, arg, index);
    }

    private static String longOf(String names) {
        int comma = names.indexOf(',');
        return comma < 0 ? names : names.substring(comma + 1).strip();
    }

    private static String shortOf(String names) {
        int comma = names.indexOf(',');
        return comma < 0 ? null : names.substring(0, comma).strip();
    }
}
