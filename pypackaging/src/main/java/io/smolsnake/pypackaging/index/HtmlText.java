package io.smolsnake.pypackaging.index;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The small part of HTML a simple index needs: start tags with attributes, and character references. */
final class HtmlText {
    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0");

    private HtmlText() {}

    /** A start tag: its lower-case name and its attributes (names lower case, values unescaped). */
    record Tag(String name, Map<String, String> attributes) {}

    /** Calls {@code visitor} for each start tag named in {@code names}, in document order. */
    static void startTags(String html, java.util.Set<String> names, java.util.function.Consumer<Tag> visitor) {
        int i = 0;
        int n = html.length();
        while (i < n) {
            int lt = html.indexOf('<', i);
            if (lt < 0 || lt + 1 >= n) {
                return;
            }
            if (html.startsWith("<!--", lt)) {
                int end = html.indexOf("-->", lt + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            int p = lt + 1;
            int nameStart = p;
            while (p < n && Character.isLetterOrDigit(html.charAt(p))) {
                p++;
            }
            if (p == nameStart) {
                i = lt + 1;
                continue;
            }
            String name = html.substring(nameStart, p).toLowerCase(Locale.ROOT);
            Map<String, String> attributes = new LinkedHashMap<>();
            p = attributes(html, p, attributes);
            if (names.contains(name)) {
                visitor.accept(new Tag(name, attributes));
            }
            i = p;
        }
    }

    /** Reads attributes from {@code p} to the closing {@code >}; returns the index after it. */
    private static int attributes(String html, int p, Map<String, String> out) {
        int n = html.length();
        while (p < n) {
            char c = html.charAt(p);
            if (c == '>') {
                return p + 1;
            }
            if (Character.isWhitespace(c) || c == '/') {
                p++;
                continue;
            }
            int nameStart = p;
            while (p < n && !Character.isWhitespace(html.charAt(p)) && "=>/".indexOf(html.charAt(p)) < 0) {
                p++;
            }
            String name = html.substring(nameStart, p).toLowerCase(Locale.ROOT);
            while (p < n && Character.isWhitespace(html.charAt(p))) {
                p++;
            }
            String value = "";
            if (p < n && html.charAt(p) == '=') {
                p++;
                while (p < n && Character.isWhitespace(html.charAt(p))) {
                    p++;
                }
                if (p < n && (html.charAt(p) == '"' || html.charAt(p) == '\'')) {
                    char quote = html.charAt(p);
                    int end = html.indexOf(quote, p + 1);
                    if (end < 0) {
                        end = n;
                    }
                    value = html.substring(p + 1, end);
                    p = Math.min(n, end + 1);
                } else {
                    int valueStart = p;
                    while (p < n && !Character.isWhitespace(html.charAt(p)) && html.charAt(p) != '>') {
                        p++;
                    }
                    value = html.substring(valueStart, p);
                }
            }
            out.putIfAbsent(name, unescape(value));
        }
        return n;
    }

    /** Replaces character references ({@code &gt;}, {@code &#62;}, {@code &#x3e;}); unknown ones stay. */
    static String unescape(String text) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (amp >= 0) {
            out.append(text, i, amp);
            int semi = text.indexOf(';', amp);
            String replacement = semi < 0 || semi - amp > 12 ? null : reference(text.substring(amp + 1, semi));
            if (replacement == null) {
                out.append('&');
                i = amp + 1;
            } else {
                out.append(replacement);
                i = semi + 1;
            }
            amp = text.indexOf('&', i);
        }
        return out.append(text, i, text.length()).toString();
    }

    private static String reference(String body) {
        if (body.startsWith("#")) {
            try {
                int cp = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X')
                        ? Integer.parseInt(body.substring(2), 16)
                        : Integer.parseInt(body.substring(1));
                return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return NAMED.get(body.toLowerCase(Locale.ROOT));
    }
}
