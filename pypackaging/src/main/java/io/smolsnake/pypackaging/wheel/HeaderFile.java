package io.smolsnake.pypackaging.wheel;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The email-header files of a dist-info directory ({@code WHEEL}, {@code METADATA}): "Key: value"
 * lines up to the first blank line, continuation lines indented. Keys compare case-insensitively;
 * the first occurrence of a key wins.
 */
final class HeaderFile {
    private final Map<String, String> fields;

    private HeaderFile(Map<String, String> fields) {
        this.fields = fields;
    }

    /** The headers of {@code content}; lines that are not headers are returned as problems. */
    static HeaderFile parse(byte[] content, String fileName) throws MalformedException {
        String text = new String(content, StandardCharsets.UTF_8);
        // values are built up in place: a METADATA's License can run to thousands of continuation lines
        Map<String, StringBuilder> values = new LinkedHashMap<>();
        String lastKey = null;
        int lineNumber = 0;
        int n = text.length();
        // lines end at \r\n, \n or \r; the headers end at the first empty line (or the end of the text)
        for (int start = 0; ; ) {
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(start, end);
            lineNumber++;
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastKey != null) {
                StringBuilder value = values.get(lastKey);
                if (value != null) {
                    value.append('\n').append(line.strip());
                }
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new MalformedException(fileName + " line " + lineNumber
                            + " is not a 'Key: value' header: '" + line + "'");
                }
                lastKey = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                values.putIfAbsent(lastKey, new StringBuilder(line.substring(colon + 1).strip()));
            }
            if (end == n) {
                break;
            }
            start = end + (text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? 2 : 1);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        values.forEach((key, value) -> fields.put(key, value.toString()));
        return new HeaderFile(fields);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key.toLowerCase(Locale.ROOT)));
    }

    /** A malformed header file; the message names the file and line. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }
}
