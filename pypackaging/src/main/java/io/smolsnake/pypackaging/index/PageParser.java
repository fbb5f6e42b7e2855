package io.smolsnake.pypackaging.index;

import io.smolsnake.pypackaging.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Parses project pages: PEP 503 HTML and PEP 691 JSON. */
final class PageParser {
    static final String JSON_TYPE = "application/vnd.pypi.simple.v1+json";
    private static final Set<String> HASH_NAMES = Set.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512");

    private PageParser() {}

    /** Parses a page by its content type: PEP 691 JSON when it says so, else HTML. */
    static List<ProjectFile> parse(byte[] body, String contentType, URI pageUrl) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith(JSON_TYPE) || type.startsWith("application/json")) {
            return json(body, pageUrl);
        }
        return html(new String(body, StandardCharsets.UTF_8), pageUrl);
    }

    /** The anchors of a PEP 503 page, with hrefs resolved against {@code pageUrl} (or its {@code <base>}). */
    static List<ProjectFile> html(String html, URI pageUrl) {
        List<ProjectFile> files = new ArrayList<>();
        URI[] base = {pageUrl};
        HtmlText.startTags(html, Set.of("a", "base"), tag -> {
            String href = tag.attributes().get("href");
            if (href == null || href.isBlank()) {
                return;
            }
            if (tag.name().equals("base")) {
                base[0] = resolve(base[0], href, pageUrl);
                return;
            }
            URI absolute = resolve(base[0], href, pageUrl);
            Map<String, String> hashes = fragmentHash(absolute.getRawFragment());
            URI url = withoutFragment(absolute);
            String filename = filename(url);
            if (filename.isEmpty()) {
                return;
            }
            Map<String, String> a = tag.attributes();
            String metadataAttr = a.containsKey("data-core-metadata") ? a.get("data-core-metadata")
                    : a.get("data-dist-info-metadata");
            files.add(new ProjectFile(filename, url, hashes, emptyToNull(a.get("data-requires-python")),
                    a.containsKey("data-yanked"), a.get("data-yanked"), htmlMetadata(metadataAttr), -1));
        });
        return files;
    }

    /** The {@code files} of a PEP 691 JSON page, with URLs resolved against {@code pageUrl}. */
    static List<ProjectFile> json(byte[] body, URI pageUrl) {
        Object root;
        try {
            String text = new String(body, StandardCharsets.UTF_8);
            root = Json.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (Json.JsonException e) {
            throw new IndexException("not a valid JSON project page at " + pageUrl + ": " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> page)) {
            throw new IndexException("not a valid JSON project page at " + pageUrl + ": expected an object");
        }
        String apiVersion = page.get("meta") instanceof Map<?, ?> meta && scalar(meta.get("api-version")) != null
                ? scalar(meta.get("api-version")) : "";
        if (!apiVersion.isEmpty() && !apiVersion.equals("1") && !apiVersion.startsWith("1.")) {
            throw new IndexException("unsupported simple API version " + apiVersion + " at " + pageUrl
                    + " (this client reads version 1.x)");
        }
        if (!(page.get("files") instanceof List<?> filesNode)) {
            throw new IndexException("not a valid JSON project page at " + pageUrl + ": no \"files\" array");
        }
        List<ProjectFile> files = new ArrayList<>();
        int index = 0;
        for (Object node : filesNode) {
            String where = "files[" + index++ + "] of " + pageUrl;
            Map<?, ?> f = node instanceof Map<?, ?> m ? m : Map.of();
            String filename = requiredText(f, "filename", where);
            URI url = withoutFragment(resolve(pageUrl, requiredText(f, "url", where), pageUrl));
            Map<String, String> hashes = hashes(f.get("hashes"));
            String requiresPython = emptyToNull(scalar(f.get("requires-python")));
            Object y = f.get("yanked");
            boolean yanked = y instanceof String || Boolean.TRUE.equals(y);
            String reason = y instanceof String text ? text : null;
            Object m = f.containsKey("core-metadata") ? f.get("core-metadata") : f.get("dist-info-metadata");
            files.add(new ProjectFile(filename, url, hashes, requiresPython, yanked, reason, jsonMetadata(m),
                    size(f.get("size"))));
        }
        return files;
    }

    /** A string, number or boolean as text; null for null, objects and arrays. */
    private static String scalar(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
    }

    private static long size(Object value) {
        if (value instanceof Long n) {
            return n;
        }
        if (value instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return -1;
    }

    private static String requiredText(Map<?, ?> node, String field, String where) {
        if (!(node.get(field) instanceof String value) || value.isEmpty()) {
            throw new IndexException("not a valid JSON project page: " + where + " has no \"" + field + "\"");
        }
        return value;
    }

    private static Map<String, String> hashes(Object node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof String value) {
                    out.put(e.getKey().toString().toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static ProjectFile.CoreMetadata jsonMetadata(Object node) {
        if (node == null || Boolean.FALSE.equals(node)) {
            return ProjectFile.CoreMetadata.NONE;
        }
        return ProjectFile.CoreMetadata.available(node instanceof Map<?, ?> ? hashes(node) : Map.of());
    }

    /** {@code data-core-metadata}: absent, {@code true}, or {@code <hashname>=<hex>}; as pip, any other value means available without a hash, except {@code false}. */
    private static ProjectFile.CoreMetadata htmlMetadata(String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return ProjectFile.CoreMetadata.NONE;
        }
        int eq = value.indexOf('=');
        if (eq > 0) {
            String name = value.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            return ProjectFile.CoreMetadata.available(
                    Map.of(name, value.substring(eq + 1).strip().toLowerCase(Locale.ROOT)));
        }
        return ProjectFile.CoreMetadata.available(Map.of());
    }

    private static Map<String, String> fragmentHash(String fragment) {
        if (fragment == null) {
            return Map.of();
        }
        int eq = fragment.indexOf('=');
        if (eq <= 0) {
            return Map.of();
        }
        String name = fragment.substring(0, eq).toLowerCase(Locale.ROOT);
        String value = fragment.substring(eq + 1);
        int amp = value.indexOf('&');
        if (amp >= 0) {
            value = value.substring(0, amp);
        }
        return HASH_NAMES.contains(name) && !value.isEmpty() ? Map.of(name, value.toLowerCase(Locale.ROOT)) : Map.of();
    }

    /** The last path segment, percent-decoded. */
    static String filename(URI url) {
        String path = url.getRawPath();
        if (path == null) {
            return "";
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static URI withoutFragment(URI url) {
        if (url.getRawFragment() == null) {
            return url;
        }
        String text = url.toString();
        return URI.create(text.substring(0, text.indexOf('#')));
    }

    /** Resolves {@code href} against {@code base}, percent-encoding characters a URI cannot hold. */
    static URI resolve(URI base, String href, URI page) {
        String cleaned = href.strip();
        URI ref;
        try {
            ref = new URI(cleaned);
        } catch (URISyntaxException e) {
            try {
                ref = new URI(encodeIllegal(cleaned));
            } catch (URISyntaxException again) {
                throw new IndexException("not a valid link '" + href + "' on " + page, again);
            }
        }
        if ("file".equalsIgnoreCase(ref.getScheme()) || ref.isAbsolute()) {
            return ref;
        }
        return base.resolve(ref);
    }

    private static String encodeIllegal(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
