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
        String[] lines = text.split("\r\n|\r|\n", -1);
        String name = null;
        StringBuilder value = null;
        int start = 0;
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                i++;
                break;
            }
            char first = line.charAt(0);
            if ((first == ' ' || first == '\t') && name != null) {
                value.append('\n').append(line);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isFieldName(line.substring(0, colon))) {
                break;
            }
            if (name != null) {
                fields.add(new Field(name, value.toString(), start));
            }
            name = line.substring(0, colon);
            value = new StringBuilder(stripLeading(line.substring(colon + 1)));
            start = i + 1;
        }
        if (name != null) {
            fields.add(new Field(name, value.toString(), start));
        }
        StringBuilder body = new StringBuilder();
        for (int b = i; b < lines.length; b++) {
            body.append(lines[b]);
            if (b < lines.length - 1) {
                body.append('\n');
            }
        }
        return new Document(fields, body.toString());
    }

    /** RFC 5322 field names: printable ASCII except the colon, no spaces. */
    private static boolean isFieldName(String s) {
        for (int k = 0; k < s.length(); k++) {
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
