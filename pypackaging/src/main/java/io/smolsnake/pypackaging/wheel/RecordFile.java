package io.smolsnake.pypackaging.wheel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dist-info {@code RECORD}: CSV (Python's default dialect) with one {@code path,hash,size} row
 * per file, where hash is {@code algorithm=urlsafe-base64-digest-without-padding}.
 */
final class RecordFile {
    /**
     * One RECORD row.
     *
     * @param algorithm hashlib's name ({@code sha256}), or empty when the row has no hash
     * @param digest the encoded digest without padding, or empty
     * @param size the size in bytes, or -1 when the row has none
     */
    record Line(String path, String algorithm, String digest, long size) {
        boolean hasHash() {
            return !algorithm.isEmpty();
        }
    }

    private RecordFile() {}

    /** The rows of {@code content} by path, or every malformed row at once. */
    static Map<String, Line> parse(byte[] content) throws HeaderFile.MalformedException {
        List<List<String>> rows = csv(new String(content, StandardCharsets.UTF_8));
        Map<String, Line> lines = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() != 3) {
                problems.add(where(i, row) + ": expected 3 fields (path,hash,size), found " + row.size());
                continue;
            }
            String path = row.get(0);
            String hash = row.get(1);
            String size = row.get(2);
            String algorithm = "";
            String digest = "";
            if (!hash.isEmpty()) {
                int eq = hash.indexOf('=');
                if (eq <= 0) {
                    problems.add(where(i, row) + ": the hash is not 'algorithm=digest'");
                    continue;
                }
                algorithm = hash.substring(0, eq);
                digest = stripPadding(hash.substring(eq + 1));
                if (!Digests.isSupported(algorithm)) {
                    problems.add(where(i, row) + ": hash algorithm '" + algorithm
                            + "' is not allowed (use sha256 or stronger; md5 and sha1 are forbidden)");
                    continue;
                }
            }
            long bytes = -1;
            if (!size.isEmpty()) {
                try {
                    bytes = Long.parseLong(size);
                } catch (NumberFormatException e) {
                    bytes = -2;
                }
                if (bytes < 0) {
                    problems.add(where(i, row) + ": the size is not a number of bytes");
                    continue;
                }
            }
            if (path.isEmpty()) {
                problems.add(where(i, row) + ": the path is empty");
            } else if (lines.putIfAbsent(path, new Line(path, algorithm, digest, bytes)) != null) {
                problems.add(where(i, row) + ": the path is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new HeaderFile.MalformedException(String.join("\n  ", problems));
        }
        return lines;
    }

    /** How a problem names row {@code i} (only when there is one: RECORDs have thousands of rows). */
    private static String where(int i, List<String> row) {
        return "RECORD row " + (i + 1) + " " + row;
    }

    /** Rows in the order given, as Python's {@code csv.writer} writes them with a "\n" terminator. */
    static byte[] write(List<Line> lines) {
        StringBuilder out = new StringBuilder(lines.size() * 96);
        for (Line line : lines) {
            field(out, line.path());
            out.append(',');
            if (line.hasHash()) {
                field(out, line.algorithm() + "=" + line.digest());
            }
            out.append(',');
            if (line.size() >= 0) {
                out.append(line.size());
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder out, String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static String stripPadding(String digest) {
        int end = digest.length();
        while (end > 0 && digest.charAt(end - 1) == '=') {
            end--;
        }
        return digest.substring(0, end);
    }

    /** Python's default csv dialect: ',' separated, '"' quoted with doubled quotes; blank lines skipped. */
    static List<List<String>> csv(String text) {
        return text.indexOf('"') < 0 ? unquoted(text) : quoted(text);
    }

    /**
     * The same as {@link #quoted} for a text without a quote character, as nearly every RECORD is:
     * rows split at line breaks ({@code \r\n}, {@code \n} or {@code \r}), empty ones skipped, and
     * fields at commas, found with {@code indexOf} rather than a character at a time (a wheel's
     * RECORD has thousands of rows, read before anything is written).
     */
    static List<List<String>> unquoted(String text) {
        List<List<String>> rows = new ArrayList<>();
        int n = text.length();
        int start = 0;
        while (start < n) {
            int end = start;
            char c = 0;
            while (end < n && (c = text.charAt(end)) != '\n' && c != '\r') {
                end++;
            }
            if (end > start) {
                List<String> row = new ArrayList<>(3);
                int from = start;
                int comma;
                while ((comma = text.indexOf(',', from)) >= 0 && comma < end) {
                    row.add(text.substring(from, comma));
                    from = comma + 1;
                }
                row.add(text.substring(from, end));
                rows.add(row);
            }
            start = end < n && c == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
        }
        return rows;
    }

    /** The parser for any text: a character at a time. */
    static List<List<String>> quoted(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
                    row.add(field.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
