package io.smolsnake.pypackaging.requirement;

import io.smolsnake.pypackaging.PyText;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A context-sensitive tokenizer for PEP 508 text: the parser asks whether a token of a given kind
 * starts at the current position, the way pypa/packaging's tokenizer does, so that the same text
 * can be a URL in one place and an identifier in another. Word boundaries and white space follow
 * Python's {@code re} module on {@code str} (Unicode word characters, {@code str.isspace()}).
 */
final class Tokenizer {

    enum Kind {
        LEFT_PARENTHESIS, RIGHT_PARENTHESIS, LEFT_BRACKET, RIGHT_BRACKET, SEMICOLON, COMMA,
        QUOTED_STRING, OP, BOOLOP, IN, NOT, VARIABLE, SPECIFIER, AT, URL, IDENTIFIER,
        VERSION_PREFIX_TRAIL, VERSION_LOCAL_LABEL_TRAIL, WS, END
    }

    record Token(Kind kind, String text, int position) {
        int end() {
            return position + text.length();
        }
    }

    /** Something went wrong at a span; the caller turns it into its own exception type. */
    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;
        final int start;
        final int end;

        SyntaxError(String reason, int start, int end) {
            super(reason, null, false, false);
            this.reason = reason;
            this.start = start;
            this.end = end;
        }
    }

    private static final List<String> OPERATORS = List.of("===", "==", "~=", "!=", "<=", ">=", "<", ">");
    private static final List<String> VARIABLES = List.of(
            "python_version", "python_full_version", "os_name", "os.name", "sys_platform", "sys.platform",
            "platform_release", "platform_system", "platform_version", "platform.version",
            "platform_machine", "platform.machine", "platform_python_implementation",
            "platform.python_implementation", "python_implementation", "implementation_name",
            "implementation_version", "extras", "extra", "dependency_groups");

    /** Python's {@code \s} for {@code str} patterns. */
    private static final String S = "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029"
            + "\\u202F\\u205F\\u3000]";
    private static final String PRE = "(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?";
    private static final String POST = "(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?";
    private static final String DEV = "(?:[-_.]?dev[-_.]?[0-9]*)?";
    private static final String LOCAL = "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?";
    private static final Pattern SPECIFIER = Pattern.compile(
            "(?:"
                    + "(?:===" + S + "*[^\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028"
                    + "\\u2029\\u202F\\u205F\\u3000;)]*)"
                    + "|(?:(?:==|!=)" + S + "*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*"
                    + "(?:\\.\\*|" + PRE + POST + DEV + LOCAL + ")?)"
                    + "|(?:~=" + S + "*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+" + PRE + POST + DEV + ")"
                    + "|(?:(?:<=|>=|<|>)" + S + "*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*" + PRE + POST + DEV + ")"
                    + ")",
            Pattern.CASE_INSENSITIVE);

    private final String source;
    private int position;
    private Token next;

    Tokenizer(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    int position() {
        return position;
    }

    /** Whether a token of this kind starts here; if so it is loaded and must be {@link #read()}. */
    boolean check(Kind kind) {
        if (next != null) {
            throw new IllegalStateException("cannot check for " + kind + ", already have " + next);
        }
        int length = match(kind, position);
        if (length < 0) {
            return false;
        }
        next = new Token(kind, source.substring(position, position + length), position);
        return true;
    }

    /** Whether a token of this kind starts here, without loading it. */
    boolean peek(Kind kind) {
        return match(kind, position) >= 0;
    }

    Token read() {
        Token token = next;
        if (token == null) {
            throw new IllegalStateException("no token was checked");
        }
        position += token.text().length();
        next = null;
        return token;
    }

    void consume(Kind kind) {
        if (check(kind)) {
            read();
        }
    }

    /** Reads a token of this kind, or fails with "Expected {expected}" at the current position. */
    Token expect(Kind kind, String expected) {
        if (!check(kind)) {
            throw error("Expected " + expected);
        }
        return read();
    }

    SyntaxError error(String reason) {
        return new SyntaxError(reason, position, position);
    }

    SyntaxError error(String reason, int start, int end) {
        return new SyntaxError(reason, start, end);
    }

    private int match(Kind kind, int at) {
        int n = source.length();
        switch (kind) {
            case LEFT_PARENTHESIS: return charAt(at) == '(' ? 1 : -1;
            case RIGHT_PARENTHESIS: return charAt(at) == ')' ? 1 : -1;
            case LEFT_BRACKET: return charAt(at) == '[' ? 1 : -1;
            case RIGHT_BRACKET: return charAt(at) == ']' ? 1 : -1;
            case SEMICOLON: return charAt(at) == ';' ? 1 : -1;
            case COMMA: return charAt(at) == ',' ? 1 : -1;
            case AT: return charAt(at) == '@' ? 1 : -1;
            case QUOTED_STRING: {
                int quote = charAt(at);
                if (quote != '\'' && quote != '"') {
                    return -1;
                }
                int close = source.indexOf(quote, at + 1);
                return close < 0 ? -1 : close - at + 1;
            }
            case OP:
                for (String op : OPERATORS) {
                    if (source.startsWith(op, at)) {
                        return op.length();
                    }
                }
                return -1;
            case BOOLOP: {
                int or = word(at, "or");
                return or >= 0 ? or : word(at, "and");
            }
            case IN: return word(at, "in");
            case NOT: return word(at, "not");
            case VARIABLE:
                for (String variable : VARIABLES) {
                    int length = word(at, variable);
                    if (length >= 0) {
                        return length;
                    }
                }
                return -1;
            case SPECIFIER: {
                Matcher m = SPECIFIER.matcher(source).region(at, n);
                return m.lookingAt() ? m.end() - at : -1;
            }
            case URL: {
                int end = at;
                while (end < n && source.charAt(end) != ' ' && source.charAt(end) != '\t') {
                    end++;
                }
                return end > at ? end - at : -1;
            }
            case IDENTIFIER: return identifier(at);
            case VERSION_PREFIX_TRAIL: return source.startsWith(".*", at) ? 2 : -1;
            case VERSION_LOCAL_LABEL_TRAIL: return localLabel(at);
            case WS: {
                int end = at;
                while (end < n && (source.charAt(end) == ' ' || source.charAt(end) == '\t')) {
                    end++;
                }
                return end > at ? end - at : -1;
            }
            case END: return at == n ? 0 : -1;
            default: throw new IllegalStateException("unknown token kind " + kind);
        }
    }

    private int charAt(int at) {
        return at < source.length() ? source.charAt(at) : -1;
    }

    /** {@code \bword\b}: the word itself, with a word boundary on both sides. */
    private int word(int at, String word) {
        if (!source.startsWith(word, at) || !boundary(at) || !boundary(at + word.length())) {
            return -1;
        }
        return word.length();
    }

    /** {@code \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b}, backtracking to the longest run that ends on a boundary. */
    private int identifier(int at) {
        if (!isAsciiAlnum(charAt(at)) || !boundary(at)) {
            return -1;
        }
        int end = at + 1;
        while (end < source.length() && isIdentifierChar(source.charAt(end))) {
            end++;
        }
        for (int e = end; e > at; e--) {
            if (boundary(e)) {
                return e - at;
            }
        }
        return -1;
    }

    /** {@code \+[a-z0-9]+(?:[-_.][a-z0-9]+)*}: only whether it starts here matters to the parser. */
    private int localLabel(int at) {
        if (charAt(at) != '+') {
            return -1;
        }
        int end = at + 1;
        while (end < source.length() && isLowerAlnum(source.charAt(end))) {
            end++;
        }
        return end > at + 1 ? end - at : -1;
    }

    private boolean boundary(int at) {
        boolean before = at > 0 && isWord(source.codePointBefore(at));
        boolean after = at < source.length() && isWord(source.codePointAt(at));
        return before != after;
    }

    /** Python's {@code \w} on {@code str}: alphanumeric in Unicode's sense, or an underscore. */
    static boolean isWord(int cp) {
        if (cp == '_' || Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    private static boolean isAsciiAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isLowerAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isIdentifierChar(int c) {
        return isAsciiAlnum(c) || c == '.' || c == '_' || c == '-';
    }

    static boolean isSpace(int cp) {
        return PyText.isSpace(cp);
    }
}
