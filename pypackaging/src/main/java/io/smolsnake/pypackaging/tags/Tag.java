package io.smolsnake.pypackaging.tags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One wheel tag triple (PEP 425), lower-cased like packaging's {@code Tag}: {@code cp312-abi3-manylinux_2_17_x86_64}.
 *
 * <p>{@link #parse(String)} expands a compressed tag set ({@code py2.py3-none-any}) into its triples.
 */
public record Tag(String interpreter, String abi, String platform) implements Comparable<Tag> {
    public Tag {
        Objects.requireNonNull(interpreter, "interpreter");
        Objects.requireNonNull(abi, "abi");
        Objects.requireNonNull(platform, "platform");
        interpreter = interpreter.toLowerCase(Locale.ROOT);
        abi = abi.toLowerCase(Locale.ROOT);
        platform = platform.toLowerCase(Locale.ROOT);
    }

    /** A tag from its three parts (lower-cased, not validated: packaging's {@code Tag(...)}). */
    public static Tag of(String interpreter, String abi, String platform) {
        return new Tag(interpreter, abi, platform);
    }

    /**
     * Expands a tag or compressed tag set into its triples, in the order they are written.
     *
     * @throws InvalidTagException naming the input when it is not three non-empty {@code -}-separated
     *     components of {@code .}-separated parts, or an interpreter part does not start with a letter
     */
    public static Set<Tag> parse(String tag) {
        return parse(tag, false);
    }

    /**
     * Like {@link #parse(String)}; with {@code validateOrder}, the parts of each component must also be
     * in sorted order, as PEP 425 asks of compressed tag sets ({@code py2.py3}, not {@code py3.py2}).
     */
    public static Set<Tag> parse(String tag, boolean validateOrder) {
        if (tag == null) {
            throw new InvalidTagException("Invalid tag: none given", "", 0, 0);
        }
        String[] components = tag.split("-", -1);
        List<List<String>> parts = new ArrayList<>(components.length);
        int column = 0;
        for (String component : components) {
            List<String> split = List.of(component.split("\\.", -1));
            int at = column;
            for (String part : split) {
                if (part.isEmpty()) {
                    throw new InvalidTagException("Invalid tag '" + tag + "': empty component in '" + component
                            + "'", tag, at, at);
                }
                at += part.length() + 1;
            }
            if (validateOrder) {
                List<String> sorted = new ArrayList<>(split);
                Collections.sort(sorted);
                if (!sorted.equals(split)) {
                    throw new InvalidTagException("Invalid tag '" + tag + "': tag component '" + component
                            + "' is not in sorted order per PEP 425", tag, column, column + component.length());
                }
            }
            parts.add(split);
            column += component.length() + 1;
        }
        if (parts.size() != 3) {
            throw new InvalidTagException("Invalid tag '" + tag + "': a tag has exactly three components"
                    + " (interpreter-abi-platform), found " + parts.size(), tag, 0, tag.length());
        }
        int at = 0;
        for (String interpreter : parts.get(0)) {
            if (!isIdentifier(interpreter)) {
                throw new InvalidTagException("Invalid tag '" + tag + "': invalid interpreter '" + interpreter
                        + "' (an interpreter tag is a name such as 'py' or 'cp' and an optional version)",
                        tag, at, at + interpreter.length());
            }
            at += interpreter.length() + 1;
        }
        Set<Tag> out = new LinkedHashSet<>();
        for (String interpreter : parts.get(0)) {
            for (String abi : parts.get(1)) {
                for (String platform : parts.get(2)) {
                    out.add(new Tag(interpreter, abi, platform));
                }
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** Python's {@code str.isidentifier()}: a letter or {@code _}, then letters, digits and {@code _}. */
    private static boolean isIdentifier(String text) {
        if (text.isEmpty()) {
            return false;
        }
        int first = text.codePointAt(0);
        if (first != '_' && !Character.isUnicodeIdentifierStart(first)) {
            return false;
        }
        return text.codePoints().skip(1).allMatch(c -> c == '_' || (Character.isUnicodeIdentifierPart(c)
                && !Character.isIdentifierIgnorable(c)));
    }

    @Override
    public int compareTo(Tag o) {
        int c = interpreter.compareTo(o.interpreter);
        if (c == 0) {
            c = abi.compareTo(o.abi);
        }
        return c != 0 ? c : platform.compareTo(o.platform);
    }

    /** {@code interpreter-abi-platform}. */
    @Override
    public String toString() {
        return interpreter + "-" + abi + "-" + platform;
    }

    // equals and hashCode written out: a record's generated ones are linked through invokedynamic on
    // first use, which costs a short CLI run milliseconds per record type (these are on every lock)
    @Override
    public boolean equals(Object o) {
        return o instanceof Tag t && t.interpreter.equals(interpreter) && t.abi.equals(abi) && t.platform.equals(platform);
    }

    @Override
    public int hashCode() {
        return (interpreter.hashCode() * 31 + abi.hashCode()) * 31 + platform.hashCode();
    }
}
