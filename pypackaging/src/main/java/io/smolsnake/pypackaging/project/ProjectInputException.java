package io.smolsnake.pypackaging.project;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A project input that cannot be used: a bad line in a requirements file, a bad key in
 * {@code pyproject.toml}, a missing file. Carries every problem found, each rendered with its file
 * and where in it:
 *
 * <pre>
 * requirements.txt:7:12: unknown option --hsah
 *     requests==2.32.3 --hsah=sha256:0e1f
 *                      ^~~~~~
 * pyproject.toml: tool.smolsnake.arch: expected "x86_64" or "arm64", found "amd64"
 * </pre>
 */
public class ProjectInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * One problem. {@code line} and {@code column} are 1-based (0 when unknown, e.g. in TOML);
     * {@code key} is the TOML key path or null; {@code excerpt} is the text shown under the message
     * (the file's line, or the requirement) with a caret from {@code caretStart} to {@code caretEnd}
     * (0-based, end exclusive), or null for none.
     */
    public record Problem(Path file, int line, int column, String key, String reason, String excerpt,
            int caretStart, int caretEnd) {

        static Problem at(Origin origin, int column, int width, String reason) {
            return new Problem(origin.file(), origin.line(), column, origin.key(), reason, origin.source(),
                    column - 1, column - 1 + Math.max(1, width));
        }

        static Problem key(Path file, String key, String reason) {
            return new Problem(file, 0, 0, key, reason, null, 0, 0);
        }

        /** The message, an excerpt line and a caret line. */
        public String render() {
            StringBuilder out = new StringBuilder(String.valueOf(file));
            if (line > 0) {
                out.append(':').append(line).append(':').append(column);
            }
            if (key != null) {
                out.append(": ").append(key);
            }
            out.append(": ").append(reason);
            if (excerpt != null) {
                int start = Math.max(0, Math.min(caretStart, excerpt.length()));
                int width = Math.max(1, caretEnd - start);
                out.append("\n    ").append(excerpt).append("\n    ").append(" ".repeat(start)).append('^')
                        .append("~".repeat(width - 1));
            }
            return out.toString();
        }
    }

    private final transient List<Problem> problems;

    public ProjectInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::render).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public ProjectInputException(Problem problem) {
        this(List.of(problem));
    }

    /** Every problem, in the order found. */
    public List<Problem> problems() {
        return problems;
    }
}
