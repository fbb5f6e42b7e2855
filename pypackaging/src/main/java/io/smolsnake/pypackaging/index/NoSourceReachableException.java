package io.smolsnake.pypackaging.index;

import java.util.List;
import java.util.stream.Collectors;

/** Every configured source failed for one project; the message names each with its reason. */
public final class NoSourceReachableException extends IndexException {
    private static final long serialVersionUID = 1L;

    private final transient List<ProjectLookup.Unreachable> failures;

    public NoSourceReachableException(String project, List<ProjectLookup.Unreachable> failures) {
        super(render(project, failures));
        this.failures = List.copyOf(failures);
    }

    public List<ProjectLookup.Unreachable> failures() {
        return failures;
    }

    private static String render(String project, List<ProjectLookup.Unreachable> failures) {
        if (failures.isEmpty()) {
            return "no index source is configured to look up " + project;
        }
        return "no index source could be read for " + project + ":\n" + failures.stream()
                .map(f -> "  " + f.source() + ": " + f.reason())
                .collect(Collectors.joining("\n"));
    }
}
