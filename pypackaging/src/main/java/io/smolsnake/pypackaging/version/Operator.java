package io.smolsnake.pypackaging.version;

/** The comparison operators of PEP 440 version specifiers. */
public enum Operator {
    /** {@code ~=}: compatible release ({@code ~=1.4.5} is {@code >=1.4.5, ==1.4.*}). */
    COMPATIBLE("~="),
    /** {@code ==}: version matching, with an optional {@code .*} prefix match. */
    EQUAL("=="),
    /** {@code !=}: version exclusion, with an optional {@code .*} prefix match. */
    NOT_EQUAL("!="),
    /** {@code <=}: inclusive ordered comparison. */
    LESS_EQUAL("<="),
    /** {@code >=}: inclusive ordered comparison. */
    GREATER_EQUAL(">="),
    /** {@code <}: exclusive ordered comparison (excludes pre-releases of the given version). */
    LESS("<"),
    /** {@code >}: exclusive ordered comparison (excludes post-releases and local versions of it). */
    GREATER(">"),
    /** {@code ===}: arbitrary, case-insensitive string equality. */
    ARBITRARY("===");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written: {@code >=}, {@code ~=}, {@code ===} … */
    public String symbol() {
        return symbol;
    }

    /** The operator that {@code text} starts with (longest first), or null. */
    static Operator prefixOf(String text) {
        if (text.startsWith("===")) {
            return ARBITRARY;
        }
        for (Operator op : values()) {
            if (op.symbol.length() == 2 && text.startsWith(op.symbol)) {
                return op;
            }
        }
        if (text.startsWith("<")) {
            return LESS;
        }
        return text.startsWith(">") ? GREATER : null;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
