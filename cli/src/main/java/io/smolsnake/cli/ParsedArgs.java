package io.smolsnake.cli;

import java.util.List;

/** The values a command line gave a {@link CommandSpec}'s parameters, converted, defaults filled in. */
final class ParsedArgs {
    private final CommandSpec spec;
    /** One slot per parameter of the spec, in its order: the value, a {@code List} for a list, or null. */
    private final Object[] values;

    ParsedArgs(CommandSpec spec, Object[] values) {
        this.spec = spec;
        this.values = values;
    }

    CommandSpec spec() {
        return spec;
    }

    /** The parameter's value (or its default), null when neither. */
    @SuppressWarnings("unchecked")
    <T> T get(Param<T> param) {
        if (param.arity() == Param.Arity.LIST) {
            throw new IllegalArgumentException(param.displayName() + " is a list: read it with all()");
        }
        return (T) values[spec.indexOf(param)];
    }

    /** Every value of a repeatable option or list parameter, in command-line order (empty when none). */
    @SuppressWarnings("unchecked")
    <T> List<T> all(Param<T> param) {
        if (param.arity() != Param.Arity.LIST) {
            throw new IllegalArgumentException(param.displayName() + " is not a list: read it with get()");
        }
        Object value = values[spec.indexOf(param)];
        return value == null ? List.of() : (List<T>) value;
    }

    /** Whether a flag was given (and not as {@code =false}). */
    boolean flag(Param<Boolean> param) {
        return Boolean.TRUE.equals(get(param));
    }

    /** Whether {@code --help} was asked for (the other parameters are then not checked). */
    boolean helpRequested() {
        return flag(CommandSpec.HELP);
    }

    /** Whether {@code --version} was asked for. */
    boolean versionRequested() {
        return flag(CommandSpec.VERSION);
    }
}
