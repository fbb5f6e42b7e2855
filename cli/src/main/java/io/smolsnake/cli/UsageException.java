package io.smolsnake.cli;

/**
 * A command line that does not fit its command: an unknown option or command, a missing or bad value,
 * a missing or extra argument. Carries the argument at fault and its index in the command line
 * (-1 when the fault is something missing at the end); {@link Main} prints the message with the
 * command's usage and exits {@link Main#EXIT_USAGE}.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String argument;
    private final int index;

    UsageException(String message, String argument, int index) {
        super(message, null, false, false);
        this.argument = argument;
        this.index = index;
    }

    /** The argument at fault, or null when something is missing. */
    String argument() {
        return argument;
    }

    /** Where the argument at fault is in the command line, or -1. */
    int index() {
        return index;
    }
}
