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
        Map<String, String> fields = new LinkedHashMap<>();
        String lastKey = null;
        int lineNumber = 0;
        for (String line : text.split("\r\n|\n|\r", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastKey != null) {
                fields.computeIfPresent(lastKey, (k, v) -> v + "\n" + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedException(fileName + " line " + lineNumber + " is not a 'Key: value' header: '"
                        + line + "'");
            }
            lastKey = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            fields.putIfAbsent(lastKey, line.substring(colon + 1).strip());
        }
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
