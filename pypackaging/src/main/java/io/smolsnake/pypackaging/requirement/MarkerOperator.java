package io.smolsnake.pypackaging.requirement;

/** A marker comparison operator. */
public enum MarkerOperator {
    LESS_EQUAL("<="),
    LESS("<"),
    NOT_EQUAL("!="),
    EQUAL("=="),
    GREATER_EQUAL(">="),
    GREATER(">"),
    COMPATIBLE("~="),
    ARBITRARY_EQUAL("==="),
    IN("in"),
    NOT_IN("not in");

    private final String symbol;

    MarkerOperator(String symbol) {
        this.symbol = symbol;
    }

    /** As written in a marker: {@code >=}, {@code not in}, … */
    public String symbol() {
        return symbol;
    }

    /** The operator written as {@code symbol}, or {@code null}. */
    public static MarkerOperator fromSymbol(String symbol) {
        for (MarkerOperator op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
