package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Evaluates Choice conditions. A comparison between values of the wrong types is simply false. */
final class Choices {
    private Choices() {}

    static boolean holds(Condition condition, JsonNode input, JsonNode context) {
        if (condition instanceof Condition.And and) {
            for (Condition c : and.all()) {
                if (!holds(c, input, context)) {
                    return false;
                }
            }
            return true;
        }
        if (condition instanceof Condition.Or or) {
            for (Condition c : or.any()) {
                if (holds(c, input, context)) {
                    return true;
                }
            }
            return false;
        }
        if (condition instanceof Condition.Not not) {
            return !holds(not.negated(), input, context);
        }
        return compare((Condition.Compare) condition, input, context);
    }

    private static boolean compare(Condition.Compare c, JsonNode input, JsonNode context) {
        String op = c.operator();
        JsonNode variable;
        try {
            variable = JsonPaths.read(c.variable(), input, context);
        } catch (JsonPaths.NoMatch e) {
            if (op.equals("IsPresent")) {
                return !c.value().asBoolean();
            }
            throw StatesFailure.runtime(e.getMessage());
        }
        JsonNode operand = c.value();
        if (c.valueIsPath()) {
            try {
                operand = JsonPaths.read(c.value().asText(), input, context);
            } catch (JsonPaths.NoMatch e) {
                throw StatesFailure.runtime(e.getMessage());
            }
        }
        switch (op) {
            case "IsPresent":
                return operand.asBoolean() == !(variable.isArray() && variable.isEmpty() && !JsonPaths.isDefinite(c.variable()));
            case "IsNull":
                return variable.isNull() == operand.asBoolean();
            case "IsNumeric":
                return variable.isNumber() == operand.asBoolean();
            case "IsString":
                return variable.isTextual() == operand.asBoolean();
            case "IsBoolean":
                return variable.isBoolean() == operand.asBoolean();
            case "IsTimestamp":
                return (variable.isTextual() && Timestamps.parse(variable.textValue()) != null) == operand.asBoolean();
            case "StringMatches":
                return variable.isTextual() && operand.isTextual() && matches(variable.textValue(), operand.textValue());
            case "BooleanEquals":
                return variable.isBoolean() && operand.isBoolean() && variable.booleanValue() == operand.booleanValue();
            default:
                break;
        }
        Integer order = null;
        if (op.startsWith("String")) {
            if (variable.isTextual() && operand.isTextual()) {
                order = Integer.signum(variable.textValue().compareTo(operand.textValue()));
            }
        } else if (op.startsWith("Numeric")) {
            if (variable.isNumber() && operand.isNumber()) {
                order = variable.decimalValue().compareTo(operand.decimalValue());
            }
        } else if (op.startsWith("Timestamp")) {
            Instant a = variable.isTextual() ? Timestamps.parse(variable.textValue()) : null;
            Instant b = operand.isTextual() ? Timestamps.parse(operand.textValue()) : null;
            if (a != null && b != null) {
                order = a.compareTo(b);
            }
        }
        if (order == null) {
            return false;
        }
        String relation = op.replaceFirst("^(String|Numeric|Timestamp)", "");
        switch (relation) {
            case "Equals":
                return order == 0;
            case "LessThan":
                return order < 0;
            case "GreaterThan":
                return order > 0;
            case "LessThanEquals":
                return order <= 0;
            case "GreaterThanEquals":
                return order >= 0;
            default:
                return false;
        }
    }

    /** {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
    static boolean matches(String text, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\\' && i + 1 < pattern.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (ch == '*') {
                regex.append(".*");
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
            }
        }
        return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL).matcher(text).matches();
    }
}
