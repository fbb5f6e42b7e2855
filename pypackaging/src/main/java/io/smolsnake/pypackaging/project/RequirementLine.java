package io.smolsnake.pypackaging.project;

import io.smolsnake.pypackaging.ParseException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One requirement as the user wrote it, not yet parsed: a PEP 508 line from a requirements file
 * or a {@code pyproject.toml} array, with where it came from.
 *
 * @param text the requirement as written (environment variables expanded, comments and
 *     per-requirement options removed): {@code requests[socks]>=2.31; python_version >= "3.9"}
 * @param origin where it was written
 * @param hashes the {@code --hash} values, as {@code algorithm:hex} (empty when none)
 * @param editable whether it came from {@code -e}/{@code --editable}
 * @param kind a named requirement, a local project (directory or archive) or a bare URL
 * @param localPath for {@link Kind#PATH}: the project's path, relative paths resolved against the
 *     requirements file's directory (extras and markers removed); null otherwise
 */
public record RequirementLine(String text, Origin origin, List<String> hashes, boolean editable, Kind kind,
        Path localPath) {

    /** What a line names. */
    public enum Kind {
        /** A PEP 508 requirement ({@code name[extras] specifiers ; marker} or {@code name @ url}). */
        NAMED,
        /** A local project: a directory, an archive file, or a {@code file:} URL. */
        PATH,
        /** A bare URL without a name ({@code https://…/pkg-1.0-py3-none-any.whl}, {@code git+https://…}). */
        URL
    }

    public RequirementLine {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        hashes = hashes == null ? List.of() : List.copyOf(hashes);
    }

    /** A plain named requirement (from {@code pyproject.toml}, say). */
    public static RequirementLine named(String text, Origin origin) {
        return new RequirementLine(text, origin, List.of(), false, Kind.NAMED, null);
    }

    /**
     * <b>The seam for the requirement parser.</b> Parses {@link #text()} with {@code parser}
     * (e.g. {@code Requirement::parse}) and, when it throws a {@link ParseException}, rethrows it as
     * a {@link ProjectInputException} pointing at the file, line and column of the problem, with
     * the line and a caret under it. Everything in this package keeps requirements as text, so
     * that this is the one place where they meet the PEP 508 parser.
     */
    public <T> T parse(Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (ParseException e) {
            throw new ProjectInputException(problem(text, origin, e));
        }
    }

    /** Maps a parse error in {@code text} (written at {@code origin}) back to the input it came from. */
    static ProjectInputException.Problem problem(String text, Origin origin, ParseException e) {
        int start = Math.max(0, e.start());
        int width = Math.max(1, e.end() - e.start());
        String source = origin.source();
        if (source != null && origin.column() > 0 && source.startsWith(text, origin.column() - 1)) {
            return ProjectInputException.Problem.at(origin, origin.column() + start, width, e.reason());
        }
        if (source != null) {
            return ProjectInputException.Problem.at(origin, origin.column(), 1, e.reason());
        }
        return new ProjectInputException.Problem(origin.file(), origin.line(), origin.column(), origin.key(),
                e.reason(), text, start, start + width);
    }
}
