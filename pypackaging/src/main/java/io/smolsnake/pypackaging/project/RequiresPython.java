package io.smolsnake.pypackaging.project;

import io.smolsnake.pypackaging.ParseException;
import java.util.function.Function;

/** A {@code requires-python} specifier set as written, not yet parsed, and where it was written. */
public record RequiresPython(String specifiers, Origin origin) {
    /**
     * <b>Seam for the specifier parser</b> (e.g. {@code SpecifierSet::parse}): a
     * {@link ParseException} becomes a {@link ProjectInputException} naming the file and key.
     * Same contract as {@link RequirementLine#parse}.
     */
    public <T> T parse(Function<String, T> parser) {
        try {
            return parser.apply(specifiers);
        } catch (ParseException e) {
            throw new ProjectInputException(RequirementLine.problem(specifiers, origin, e));
        }
    }
}
