package io.smolsnake.pypackaging.requirement;

import static io.smolsnake.pypackaging.requirement.Tokenizer.Kind.*;

import io.smolsnake.pypackaging.name.ExtraName;
import io.smolsnake.pypackaging.requirement.Tokenizer.Kind;
import io.smolsnake.pypackaging.requirement.Tokenizer.SyntaxError;
import io.smolsnake.pypackaging.requirement.Tokenizer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for PEP 508 dependency specifiers and markers. It follows the grammar
 * and the error messages of pypa/packaging's hand-written parser, so a user sees the same message
 * with the caret under the same column:
 *
 * <pre>
 * requirement         = WS? IDENTIFIER WS? extras WS? requirement_details END
 * requirement_details = AT WS? URL (WS (SEMICOLON marker WS?)?)?
 *                     | specifier WS? (SEMICOLON marker WS?)?
 * extras              = (LEFT_BRACKET WS? (IDENTIFIER (WS? COMMA WS? IDENTIFIER)*)? WS? RIGHT_BRACKET)?
 * specifier           = LEFT_PARENTHESIS WS? version_many WS? RIGHT_PARENTHESIS | WS? version_many WS?
 * version_many        = (SPECIFIER (WS? COMMA WS? SPECIFIER)*)?
 * marker              = marker_atom (BOOLOP marker_atom)*
 * marker_atom         = WS? (LEFT_PARENTHESIS WS? marker WS? RIGHT_PARENTHESIS | marker_item) WS?
 * marker_item         = WS? marker_var WS? marker_op WS? marker_var WS?
 * marker_var          = VARIABLE | QUOTED_STRING
 * marker_op           = IN | NOT WS IN | OP
 * </pre>
 */
final class RequirementParser {
    /** What {@link #parseRequirement} found, before the specifier text is parsed as PEP 440. */
    record Parsed(String name, List<String> extras, String specifier, int[] specifierColumns, String url,
            Marker marker) {}

    private final Tokenizer tokenizer;
    /** For each character of the specifier text (tokens without the white space between them), its column. */
    private final List<Integer> specifierColumns = new ArrayList<>();

    private RequirementParser(String source) {
        this.tokenizer = new Tokenizer(source);
    }

    static Parsed parseRequirement(String source) {
        if (source == null) {
            throw new InvalidRequirementException("Expected package name at the start of dependency specifier", "", 0, 1);
        }
        RequirementParser parser = new RequirementParser(source);
        try {
            return parser.requirement();
        } catch (SyntaxError e) {
            throw new InvalidRequirementException(e.reason, source, e.start, e.end + 1);
        }
    }

    static Marker parseMarker(String source) {
        if (source == null) {
            throw new InvalidMarkerException("Expected a marker variable or quoted string", "", 0, 1);
        }
        RequirementParser parser = new RequirementParser(source);
        try {
            Marker marker = parser.marker();
            parser.tokenizer.expect(END, "end of marker expression");
            return top(marker);
        } catch (SyntaxError e) {
            throw new InvalidMarkerException(e.reason, source, e.start, e.end + 1);
        }
    }

    /** packaging prints a wholly parenthesised marker without its outer parentheses. */
    private static Marker top(Marker marker) {
        return marker instanceof Marker.Group g ? g.inner() : marker;
    }

    private Parsed requirement() {
        tokenizer.consume(WS);
        String name = tokenizer.expect(IDENTIFIER, "package name at the start of dependency specifier").text();
        tokenizer.consume(WS);
        List<String> extras = extras();
        tokenizer.consume(WS);

        String url = null;
        String specifier = "";
        Marker marker = null;
        if (tokenizer.check(AT)) {
            tokenizer.read();
            tokenizer.consume(WS);
            int urlStart = tokenizer.position();
            url = tokenizer.expect(URL, "URL after @").text();
            if (!tokenizer.peek(END)) {
                tokenizer.expect(WS, "whitespace after URL");
                if (!tokenizer.peek(END)) {
                    marker = requirementMarker(urlStart, "semicolon (after URL and whitespace)");
                }
            }
        } else {
            int specifierStart = tokenizer.position();
            specifier = specifier();
            tokenizer.consume(WS);
            if (!tokenizer.peek(END)) {
                marker = requirementMarker(specifierStart, specifier.isEmpty()
                        ? "semicolon (after name with no version specifier)"
                        : "comma (within version specifier), semicolon (after version specifier)");
            }
        }
        tokenizer.expect(END, "end of dependency specifier");
        int[] columns = specifierColumns.stream().mapToInt(Integer::intValue).toArray();
        return new Parsed(name, extras, specifier, columns, url, marker == null ? null : top(marker));
    }

    private Marker requirementMarker(int spanStart, String expected) {
        if (!tokenizer.check(SEMICOLON)) {
            throw tokenizer.error("Expected " + expected + " or end", spanStart, tokenizer.position());
        }
        tokenizer.read();
        Marker marker = marker();
        tokenizer.consume(WS);
        return marker;
    }

    private List<String> extras() {
        List<String> extras = new ArrayList<>();
        if (!tokenizer.peek(LEFT_BRACKET)) {
            return extras;
        }
        int open = tokenizer.position();
        tokenizer.check(LEFT_BRACKET);
        tokenizer.read();
        tokenizer.consume(WS);
        if (tokenizer.check(IDENTIFIER)) {
            extras.add(tokenizer.read().text());
            while (true) {
                tokenizer.consume(WS);
                if (tokenizer.peek(IDENTIFIER)) {
                    throw tokenizer.error("Expected comma between extra names");
                }
                if (!tokenizer.check(COMMA)) {
                    break;
                }
                tokenizer.read();
                tokenizer.consume(WS);
                extras.add(tokenizer.expect(IDENTIFIER, "extra name after comma").text());
            }
        }
        tokenizer.consume(WS);
        close(open, RIGHT_BRACKET, LEFT_BRACKET, "extras");
        return extras;
    }

    private void close(int open, Kind closing, Kind opening, String around) {
        if (!tokenizer.check(closing)) {
            throw tokenizer.error("Expected matching " + closing + " for " + opening + ", after " + around,
                    open, tokenizer.position());
        }
        tokenizer.read();
    }

    private String specifier() {
        int open = -1;
        if (tokenizer.check(LEFT_PARENTHESIS)) {
            open = tokenizer.position();
            tokenizer.read();
        }
        tokenizer.consume(WS);
        String specifiers = versionMany();
        tokenizer.consume(WS);
        if (open >= 0) {
            close(open, RIGHT_PARENTHESIS, LEFT_PARENTHESIS, "version specifier");
        }
        return specifiers;
    }

    private String versionMany() {
        StringBuilder specifiers = new StringBuilder();
        while (tokenizer.check(SPECIFIER)) {
            int start = tokenizer.position();
            String specifier = tokenizer.read().text();
            append(specifiers, specifier, start);
            if (tokenizer.peek(VERSION_PREFIX_TRAIL)) {
                boolean equality = specifier.startsWith("!=")
                        || (specifier.startsWith("==") && !specifier.startsWith("==="));
                throw tokenizer.error(equality
                        ? ".* suffix cannot be used with pre-release, post-release, dev or local versions"
                        : ".* suffix can only be used with `==` or `!=` operators",
                        start, tokenizer.position() + 1);
            }
            if (tokenizer.peek(VERSION_LOCAL_LABEL_TRAIL)) {
                throw tokenizer.error("Local version label can only be used with `==` or `!=` operators",
                        start, tokenizer.position());
            }
            tokenizer.consume(WS);
            if (!tokenizer.check(COMMA)) {
                break;
            }
            Token comma = tokenizer.read();
            append(specifiers, comma.text(), comma.position());
            tokenizer.consume(WS);
        }
        return specifiers.toString();
    }

    private void append(StringBuilder specifiers, String text, int column) {
        specifiers.append(text);
        for (int k = 0; k < text.length(); k++) {
            specifierColumns.add(column + k);
        }
    }

    // ----- markers -----------------------------------------------------------------------------

    /** One level: atoms joined by and/or, "and" binding tighter. */
    private Marker marker() {
        List<List<Marker>> chains = new ArrayList<>();
        List<Marker> chain = new ArrayList<>();
        chain.add(markerAtom());
        while (tokenizer.check(BOOLOP)) {
            if (tokenizer.read().text().equals("or")) {
                chains.add(chain);
                chain = new ArrayList<>();
            }
            chain.add(markerAtom());
        }
        chains.add(chain);
        List<Marker> alternatives = new ArrayList<>();
        for (List<Marker> c : chains) {
            alternatives.add(c.size() == 1 ? c.get(0) : new Marker.And(c));
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Marker.Or(alternatives);
    }

    private Marker markerAtom() {
        tokenizer.consume(WS);
        Marker marker;
        if (tokenizer.peek(LEFT_PARENTHESIS)) {
            int open = tokenizer.position();
            tokenizer.check(LEFT_PARENTHESIS);
            tokenizer.read();
            tokenizer.consume(WS);
            marker = Marker.Group.around(marker());
            tokenizer.consume(WS);
            close(open, RIGHT_PARENTHESIS, LEFT_PARENTHESIS, "marker expression");
        } else {
            marker = markerItem();
        }
        tokenizer.consume(WS);
        return marker;
    }

    private Marker markerItem() {
        tokenizer.consume(WS);
        MarkerOperand left = markerVar();
        tokenizer.consume(WS);
        MarkerOperator op = markerOp();
        tokenizer.consume(WS);
        MarkerOperand right = markerVar();
        tokenizer.consume(WS);
        return normaliseExtraNames(left, op, right);
    }

    /** PEP 685: the literal compared with {@code extra}, or tested against {@code extras}, is normalised. */
    private static Marker normaliseExtraNames(MarkerOperand left, MarkerOperator op, MarkerOperand right) {
        if (left == MarkerVariable.EXTRA && right instanceof MarkerOperand.Literal l) {
            right = new MarkerOperand.Literal(ExtraName.canonicalize(l.value()));
        } else if (right == MarkerVariable.EXTRA && left instanceof MarkerOperand.Literal l) {
            left = new MarkerOperand.Literal(ExtraName.canonicalize(l.value()));
        } else if (MarkerVariable.SET_VALUED.contains(right) && left instanceof MarkerOperand.Literal l) {
            left = new MarkerOperand.Literal(ExtraName.canonicalize(l.value()));
        }
        return new Marker.Comparison(left, op, right);
    }

    private MarkerOperand markerVar() {
        if (tokenizer.check(VARIABLE)) {
            return MarkerVariable.fromKey(tokenizer.read().text());
        }
        if (tokenizer.check(QUOTED_STRING)) {
            Token token = tokenizer.read();
            String value;
            try {
                value = PythonStringLiteral.decode(token.text());
            } catch (PythonStringLiteral.Invalid e) {
                throw tokenizer.error("Invalid quoted string", token.position(), token.end());
            }
            if (value.indexOf('"') >= 0 && value.indexOf('\'') >= 0) {
                throw tokenizer.error("Invalid quoted string: a marker value cannot hold both quote characters",
                        token.position(), token.end());
            }
            return new MarkerOperand.Literal(value);
        }
        throw tokenizer.error("Expected a marker variable or quoted string");
    }

    private MarkerOperator markerOp() {
        if (tokenizer.check(IN)) {
            tokenizer.read();
            return MarkerOperator.IN;
        }
        if (tokenizer.check(NOT)) {
            tokenizer.read();
            tokenizer.expect(WS, "whitespace after 'not'");
            tokenizer.expect(IN, "'in' after 'not'");
            return MarkerOperator.NOT_IN;
        }
        if (tokenizer.check(OP)) {
            return MarkerOperator.fromSymbol(tokenizer.read().text());
        }
        throw tokenizer.error("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
    }
}
