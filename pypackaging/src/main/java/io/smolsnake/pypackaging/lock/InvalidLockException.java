package io.smolsnake.pypackaging.lock;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A lock file that cannot be read: every problem found, each naming the file and the field
 * ({@code pylock.toml: packages[3].wheels[0].hashes: a sha256 is required}).
 */
public class InvalidLockException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** One problem: the field path ({@code packages[3].name}, empty for the whole file) and what is wrong. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    private final String source;
    private final transient List<Problem> problems;

    public InvalidLockException(String source, List<Problem> problems) {
        super(problems.stream().map(p -> source + ": " + p).collect(Collectors.joining("\n")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file, as named by the caller. */
    public String source() {
        return source;
    }

    /** Every problem, in file order. */
    public List<Problem> problems() {
        return problems;
    }
}
