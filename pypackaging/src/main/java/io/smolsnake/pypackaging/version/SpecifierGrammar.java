package io.smolsnake.pypackaging.version;

import io.smolsnake.pypackaging.PyText;
import java.util.regex.Pattern;

/**
 * The PEP 440 specifier grammar: which version spellings each operator accepts, and why a
 * specifier is rejected. Letters match ASCII only, so {@code ı} or {@code ſ} never pass for
 * {@code i} or {@code s}.
 */
final class SpecifierGrammar {
    private static final String RELEASE = "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*";
    private static final String RELEASE_TWO = "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+";
    private static final String PRE = "(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?";
    private static final String POST = "(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?";
    private static final String DEV = "(?:[-_.]?dev[-_.]?[0-9]*)?";
    private static final String LOCAL = "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?";

    /** {@code ==} and {@code !=}: a prefix match, or a full version with an optional local label. */
    private static final Pattern EQUALITY =
            Pattern.compile(RELEASE + "(?:\\.\\*|" + PRE + POST + DEV + LOCAL + ")", Pattern.CASE_INSENSITIVE);
    /** {@code ~=}: at least two release numbers, no local label, no prefix match. */
    private static final Pattern COMPATIBLE =
            Pattern.compile(RELEASE_TWO + PRE + POST + DEV, Pattern.CASE_INSENSITIVE);
    /** {@code <}, {@code <=}, {@code >}, {@code >=}: no local label, no prefix match. */
    private static final Pattern ORDERED = Pattern.compile(RELEASE + PRE + POST + DEV, Pattern.CASE_INSENSITIVE);

    private SpecifierGrammar() {}

    /** Null when {@code version} is acceptable after {@code op}, else why it is not. */
    static String problem(Operator op, String version) {
        if (version.isEmpty()) {
            return "expected a version after '" + op.symbol() + "'";
        }
        if (op == Operator.ARBITRARY) {
            return version.codePoints().anyMatch(c -> PyText.isSpace(c) || c == ';' || c == ')')
                    ? "an arbitrary version after '===' cannot contain white space, ';' or ')'"
                    : null;
        }
        if (pattern(op).matcher(version).matches()) {
            return null;
        }
        boolean wildcard = version.endsWith(".*");
        String bare = wildcard ? version.substring(0, version.length() - 2) : version;
        if (wildcard && op != Operator.EQUAL && op != Operator.NOT_EQUAL) {
            return "a prefix match (.*) is only allowed with == and !=";
        }
        if (wildcard && Version.isValid(bare)) {
            return "a prefix match (.*) must follow release numbers only, as in ==1.2.*";
        }
        if (!Version.isValid(version)) {
            return "'" + version + "' is not a PEP 440 version";
        }
        if (version.contains("+")) {
            return "a local version label (+...) is only allowed with == and !=";
        }
        if (op == Operator.COMPATIBLE && Version.parse(version).release().size() < 2) {
            return "~= needs at least two release numbers, as in ~=1.4";
        }
        return "'" + version + "' is not allowed after '" + op.symbol() + "'";
    }

    private static Pattern pattern(Operator op) {
        switch (op) {
            case EQUAL:
            case NOT_EQUAL:
                return EQUALITY;
            case COMPATIBLE:
                return COMPATIBLE;
            default:
                return ORDERED;
        }
    }
}
