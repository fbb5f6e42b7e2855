package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed intrinsic function call, {@code States.Format('x={}', $.x)}: the syntax tree the
 * evaluator walks. Parsed once when the definition loads, so a malformed call is a definition
 * error.
 */
sealed interface Intrinsic {
    record Call(String function, List<Intrinsic> arguments) implements Intrinsic {}

    /** A string, number, boolean or null literal. */
    record Literal(JsonNode value) implements Intrinsic {}

    /** A {@code $…} or {@code $$…} path argument. */
    record PathArg(String path) implements Intrinsic {}

    /** Thrown for text that is not an intrinsic call; the message names the column. */
    final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String text, int at, String problem) {
            super(problem + " at column " + (at + 1) + " of '" + text + "'");
        }
    }

    /** Stand-ins for {@code \{} and {@code \}} in string literals, so States.Format can tell them from {@code {}}. */
    char ESCAPED_OPEN = '\uE000';
    char ESCAPED_CLOSE = '\uE001';

    static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    static Call parse(String text) throws SyntaxError {
        Parser parser = new Parser(text);
        Intrinsic parsed = parser.call();
        parser.skipSpace();
        if (parser.at < text.length()) {
            throw new SyntaxError(text, parser.at, "unexpected '" + text.charAt(parser.at) + "' after the call");
        }
        return (Call) parsed;
    }

    /** A recursive-descent parser over the call syntax. */
    final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        Intrinsic call() throws SyntaxError {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            String name = text.substring(start, at);
            if (!name.startsWith("States.") || name.length() == "States.".length()) {
                throw new SyntaxError(text, start, "expected a function name like States.Format");
            }
            skipSpace();
            expect('(');
            List<Intrinsic> args = new ArrayList<>();
            skipSpace();
            if (peek() == ')') {
                at++;
                return new Call(name, args);
            }
            while (true) {
                skipSpace();
                args.add(argument());
                skipSpace();
                char c = peek();
                if (c == ',') {
                    at++;
                } else if (c == ')') {
                    at++;
                    return new Call(name, args);
                } else {
                    throw new SyntaxError(text, at, at >= text.length() ? "missing ')'" : "expected ',' or ')'");
                }
            }
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private void expect(char c) throws SyntaxError {
            if (peek() != c) {
                throw new SyntaxError(text, at, "expected '" + c + "'");
            }
            at++;
        }

        private Intrinsic argument() throws SyntaxError {
            char c = peek();
            if (c == '\'') {
                return new Literal(Json.NODES.textNode(string()));
            }
            if (c == '$') {
                return new PathArg(path());
            }
            if (text.startsWith("States.", at)) {
                return call();
            }
            int start = at;
            while (at < text.length() && ",) \t\n".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String token = text.substring(start, at);
            switch (token) {
                case "true":
                    return new Literal(Json.NODES.booleanNode(true));
                case "false":
                    return new Literal(Json.NODES.booleanNode(false));
                case "null":
                    return new Literal(Json.NODES.nullNode());
                default:
                    break;
            }
            if (token.matches("-?(0|[1-9][0-9]{0,17})")) {
                return new Literal(Json.number(Long.parseLong(token)));
            }
            if (token.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                return new Literal(Json.NODES.numberNode(Double.parseDouble(token)));
            }
            throw new SyntaxError(text, start, token.isEmpty() ? "expected an argument" : "unexpected argument '" + token + "'");
        }

        /** A single-quoted string; backslash escapes the next character ({@code \'}, {@code \{}, {@code \\}, {@code \n}). */
        private String string() throws SyntaxError {
            int start = at;
            at++;
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '\'') {
                    return out.toString();
                }
                if (c == '\\') {
                    if (at >= text.length()) {
                        break;
                    }
                    char e = text.charAt(at++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case '{' -> out.append(ESCAPED_OPEN);
                        case '}' -> out.append(ESCAPED_CLOSE);
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            throw new SyntaxError(text, start, "unterminated string");
        }

        /** A path runs to the next ',' or ')' outside brackets, parentheses and quotes. */
        private String path() {
            int start = at;
            int depth = 0;
            char quote = 0;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || c == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    break;
                }
                at++;
            }
            return text.substring(start, at).trim();
        }
    }
}
