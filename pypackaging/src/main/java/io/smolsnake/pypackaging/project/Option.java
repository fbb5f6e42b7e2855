package io.smolsnake.pypackaging.project;

/**
 * One option parsed from a requirements-file line: its spec, the name as written, its value (or
 * null), and where it sits in the logical line ({@code [start, end)}, value from {@code valueStart}).
 */
record Option(Options.Spec spec, String name, String value, int start, int end, int valueStart) {
    /** Throws for options smolsnake understands but cannot honour. */
    void unsupported(LogicalLine line) {
        String why = switch (spec) {
            case NO_BINARY -> "--no-binary cannot be honoured: smolsnake installs wheels only";
            case CONFIG_SETTINGS, GLOBAL_OPTION -> name + " configures a build, and smolsnake installs wheels only";
            default -> null;
        };
        if (why != null) {
            throw new ProjectInputException(line.problem(start, end, why));
        }
    }
}
