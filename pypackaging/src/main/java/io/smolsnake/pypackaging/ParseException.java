package io.smolsnake.pypackaging;

/**
 * The root of every parse failure in {@code pypackaging}: it carries the input, the column where
 * parsing went wrong and what was expected there, and renders them the way pypa/packaging does,
 * with a caret line under the input.
 *
 * <pre>
 * Expected a version after '&gt;='
 *     name &gt;= )
 *             ^
 * </pre>
 */
public class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String input;
    private final int start;
    private final int end;
    private final String reason;

    /**
     * @param reason what went wrong, without the input ("Expected a version after '>='")
     * @param input the whole text that was being parsed
     * @param start the first column of the problem (0-based, may equal {@code input.length()})
     * @param end one past the last column of the problem ({@code >= start})
     */
    public ParseException(String reason, String input, int start, int end) {
        super(render(reason, input, start, end));
        this.reason = reason;
        this.input = input == null ? "" : input;
        this.start = Math.max(0, Math.min(start, this.input.length()));
        this.end = Math.max(this.start, Math.min(end, this.input.length() + 1));
    }

    /** A problem with the whole input (no particular column). */
    public ParseException(String reason, String input) {
        this(reason, input, 0, input == null ? 0 : input.length());
    }

    /** What went wrong, without the input and the caret. */
    public String reason() {
        return reason;
    }

    /** The text that failed to parse. */
    public String input() {
        return input;
    }

    /** The 0-based column where the problem starts. */
    public int start() {
        return start;
    }

    /** One past the last column of the problem. */
    public int end() {
        return end;
    }

    /** The input with a caret line under the problem, each line indented by four spaces. */
    public String display() {
        return "    " + input + "\n    " + caret(start, end);
    }

    static String caret(int start, int end) {
        int width = Math.max(1, end - start);
        return " ".repeat(start) + "~".repeat(Math.max(0, width - 1)) + "^";
    }

    private static String render(String reason, String input, int start, int end) {
        String text = input == null ? "" : input;
        int s = Math.max(0, Math.min(start, text.length()));
        int e = Math.max(s, Math.min(end, text.length() + 1));
        return reason + "\n    " + text + "\n    " + caret(s, e);
    }
}
