package io.smolsnake.pypackaging.requirement;

import io.smolsnake.pypackaging.name.ExtraName;
import io.smolsnake.pypackaging.version.InvalidVersionException;
import io.smolsnake.pypackaging.version.Specifier;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates a marker tree the way pypa/packaging does: every comparison is evaluated (so an
 * undefined one fails even where the result is already known), version-valued variables compare
 * through PEP 440 specifiers when the text forms a valid specifier, everything else compares as
 * strings, and extra names compare PEP 685 normalised.
 */
final class MarkerEvaluator {
    private final MarkerEnvironment environment;
    private final MarkerContext context;
    private final Marker root;

    MarkerEvaluator(MarkerEnvironment environment, MarkerContext context, Marker root) {
        if (environment == null || context == null) {
            throw new IllegalArgumentException("marker evaluation needs an explicit environment and context");
        }
        this.environment = environment;
        this.context = context;
        this.root = root;
    }

    boolean evaluate(Marker marker) {
        if (marker instanceof Marker.Comparison c) {
            return compare(c);
        }
        if (marker instanceof Marker.Group g) {
            return evaluate(g.inner());
        }
        if (marker instanceof Marker.And and) {
            boolean all = true;
            for (Marker m : and.operands()) {
                all &= evaluate(m);
            }
            return all;
        }
        boolean any = false;
        for (Marker m : ((Marker.Or) marker).operands()) {
            any |= evaluate(m);
        }
        return any;
    }

    private boolean compare(Marker.Comparison c) {
        String key;
        Object lhs;
        Object rhs;
        if (c.left() instanceof MarkerVariable variable) {
            key = variable.key();
            lhs = lookup(key);
            rhs = text(c.right());
        } else {
            key = text(c.right());
            lhs = text(c.left());
            rhs = lookup(key);
        }
        if (!(lhs instanceof String left)) {
            throw new UndefinedComparisonException("Set-valued marker '" + key + "' can only be used with the "
                    + "membership form (e.g. \"<name>\" in " + key + "); it cannot appear on the left-hand side of '"
                    + c.operator() + "'", root.toString());
        }
        if (key.equals("extras") || key.equals("dependency_groups")) {
            left = ExtraName.canonicalize(left);
            if (rhs instanceof String s) {
                rhs = ExtraName.canonicalize(s);
            } else {
                Set<String> names = new TreeSet<>();
                for (Object name : (Set<?>) rhs) {
                    names.add(ExtraName.canonicalize((String) name));
                }
                rhs = names;
            }
        }
        MarkerVariable variable = MarkerVariable.fromKey(key);
        if (variable != null && variable.key().equals(key) && MarkerVariable.VERSION_VALUED.contains(variable)
                && rhs instanceof String right) {
            Specifier specifier = null;
            try {
                specifier = Specifier.parse(c.operator().symbol() + right);
            } catch (InvalidVersionException notASpecifier) {
                // compared as strings below
            }
            if (specifier != null) {
                return specifier.contains(left, Boolean.TRUE);
            }
        }
        switch (c.operator()) {
            case IN:
                return rhs instanceof String s ? s.contains(left) : ((Set<?>) rhs).contains(left);
            case NOT_IN:
                return rhs instanceof String s ? !s.contains(left) : !((Set<?>) rhs).contains(left);
            case LESS:
            case GREATER:
                return false;
            case LESS_EQUAL:
            case EQUAL:
            case GREATER_EQUAL:
                return left.equals(rhs);
            case NOT_EQUAL:
                return !left.equals(rhs);
            default:
                throw new UndefinedComparisonException("Undefined '" + c.operator() + "' on '" + left + "' and '"
                        + rhs + "'", root.toString());
        }
    }

    private static String text(MarkerOperand operand) {
        return operand instanceof MarkerOperand.Literal l ? l.value() : ((MarkerVariable) operand).key();
    }

    /** The environment's value for a variable, with the context's defaults and packaging's repairs. */
    private Object lookup(String key) {
        MarkerVariable variable = MarkerVariable.fromKey(key);
        Object value = variable == null || !variable.key().equals(key) ? null : environment.value(variable);
        if (value == null && variable != null && variable.key().equals(key)) {
            if (variable == MarkerVariable.EXTRA && context == MarkerContext.METADATA) {
                value = "";
            } else if (MarkerVariable.SET_VALUED.contains(variable) && context == MarkerContext.LOCK_FILE) {
                value = Set.of();
            }
        }
        if (value == null) {
            throw new UndefinedEnvironmentNameException(key, root.toString());
        }
        if (variable == MarkerVariable.EXTRA && !((String) value).isEmpty()) {
            value = ExtraName.canonicalize((String) value);
        }
        if (variable == MarkerVariable.PYTHON_FULL_VERSION && ((String) value).endsWith("+")) {
            // An untagged CPython build reports "3.11.1+", which is not PEP 440; packaging reads it as a local version.
            value = value + "local";
        }
        return value;
    }
}
