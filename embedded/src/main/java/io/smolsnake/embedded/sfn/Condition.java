package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Choice rule's boolean expression. */
sealed interface Condition {
    record And(List<Condition> all) implements Condition {}

    record Or(List<Condition> any) implements Condition {}

    record Not(Condition negated) implements Condition {}

    /**
     * {@code Variable} compared with {@code operator} (e.g. {@code NumericLessThan}) to a literal
     * {@code value}, or, for {@code …Path} operators, to the value at the path {@code value}
     * holds.
     */
    record Compare(String variable, String operator, JsonNode value, boolean valueIsPath) implements Condition {}
}
