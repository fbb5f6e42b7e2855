package io.smolsnake.pypackaging.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an RFC 822 style document the way Python's {@code email} parser (compat32 policy) does
 * for core metadata: {@code Name: value} lines, continuation lines (starting with a space or tab)
 * appended to the previous value after a line break, and everything after the first empty line
 * (or the first line that is neither a field nor a continuation) as the body.
 */
final class HeaderReader {
    private HeaderReader() {}

    /** One field occurrence: the name as written, the unfolded value and its first line (1-based). */
    record Field(String name, String value, int line) {}

    record Document(List<Field> fields, String body) {}

    static Document read(String text) {
        List<Field> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        int start = 0;
        int pos = 0; // where the current line starts
        int lineNo = 0;
        int bodyStart = text.length();
        while (pos <= text.length()) {
            int end = lineEnd(text, pos);
            String line = text.substring(pos, end);
            int next = end == text.length() ? end + 1 : end + (text.startsWith("\r\n", end) ? 2 : 1);
            lineNo++;
            if (line.isEmpty()) {
                bodyStart = Math.min(next, text.length());
                if (next > text.length()) {
                    bodyStart = -1; // the document ended on this empty line: no body at all
                }
                break;
            }
            char first = line.charAt(0);
            if ((first == ' ' || first == '\t') && name != null) {
                value.append('\n').append(line);
                pos = next;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isFieldName(line, colon)) {
                bodyStart = pos;
                break;
            }
            if (name != null) {
                fields.add(new Field(name, value.toString(), start));
            }
            name = line.substring(0, colon);
            value = new StringBuilder(stripLeading(line.substring(colon + 1)));
            start = lineNo;
            pos = next;
            if (pos > text.length()) {
                bodyStart = -1;
            }
        }
        if (name != null) {
            fields.add(new Field(name, value.toString(), start));
        }
        return new Document(fields, bodyStart < 0 ? "" : unixLineEnds(text.substring(bodyStart)));
    }

    /** Where the line starting at {@code from} ends: the next CR or LF, else the end of the text. */
    private static int lineEnd(String text, int from) {
        for (int k = from; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '\n' || c == '\r') {
                return k;
            }
        }
        return text.length();
    }

    private static String unixLineEnds(String s) {
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** RFC 5322 field names: printable ASCII except the colon, no spaces. */
    private static boolean isFieldName(String s, int length) {
        for (int k = 0; k < length; k++) {
            char c = s.charAt(k);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static String stripLeading(String s) {
        int k = 0;
        while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k++;
        }
        return s.substring(k);
    }
}
