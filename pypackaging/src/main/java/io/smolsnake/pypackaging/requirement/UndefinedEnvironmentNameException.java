package io.smolsnake.pypackaging.requirement;

/**
 * The marker reads a variable the environment does not define, e.g. {@code extras} outside a lock
 * file (packaging's {@code UndefinedEnvironmentName}).
 */
public final class UndefinedEnvironmentNameException extends MarkerEvaluationException {
    private static final long serialVersionUID = 1L;

    private final String name;

    UndefinedEnvironmentNameException(String name, String marker) {
        super("the environment has no value for '" + name + "'", marker);
        this.name = name;
    }

    /** The missing variable. */
    public String name() {
        return name;
    }
}
