package io.smolsnake.embedded.sfn;

import java.util.List;

/**
 * An Amazon States Language definition that cannot run. Carries every problem found, each naming
 * its location as a JSON pointer ({@code /States/Foo/Next: state 'Bar' does not exist}); the
 * endpoint answers {@code InvalidDefinition} with {@link #getMessage()}.
 */
public final class DefinitionException extends SfnException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public DefinitionException(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code <json pointer>: <what is wrong>}. */
    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid State Machine Definition: " + problems.get(0);
        }
        return "Invalid State Machine Definition: " + problems.size() + " problems:\n  " + String.join("\n  ", problems);
    }
}
