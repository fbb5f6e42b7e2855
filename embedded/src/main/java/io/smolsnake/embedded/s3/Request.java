package io.smolsnake.embedded.s3;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An S3 request as the handler sees it: the method, the bucket and key (from the path, or the
 * bucket from a {@code <bucket>.localhost} host name), the decoded query and the headers.
 *
 * @param key the object key, empty for a bucket or service request
 * @param bucket the bucket, empty for a service request (ListBuckets)
 */
record Request(String method, String bucket, String key, Map<String, String> query, Headers headers,
        HttpExchange exchange) {

    static final String VIRTUAL_HOST_SUFFIX = ".localhost";

    static Request of(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        String hostName = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
        String bucket;
        String key;
        if (hostName.endsWith(VIRTUAL_HOST_SUFFIX) && hostName.length() > VIRTUAL_HOST_SUFFIX.length()) {
            bucket = hostName.substring(0, hostName.length() - VIRTUAL_HOST_SUFFIX.length());
            key = Percent.decode(path.substring(1), false);
        } else {
            String rest = path.substring(1);
            int slash = rest.indexOf('/');
            bucket = Percent.decode(slash < 0 ? rest : rest.substring(0, slash), false);
            key = slash < 0 ? "" : Percent.decode(rest.substring(slash + 1), false);
        }
        return new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT), bucket, key,
                query(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders(), exchange);
    }

    /** Query parameters, decoded; a parameter without a value ({@code ?uploads}) maps to "". */
    static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = Percent.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : Percent.decode(pair.substring(eq + 1), true);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    boolean has(String parameter) {
        return query.containsKey(parameter);
    }

    String param(String parameter) {
        return query.get(parameter);
    }

    String resource() {
        return "/" + bucket + (key.isEmpty() ? "" : "/" + key);
    }

    /** User metadata from {@code x-amz-meta-*} headers, names in lower case without the prefix. */
    Map<String, String> userMetadata() {
        Map<String, String> metadata = new TreeMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-meta-") && !values.isEmpty()) {
                metadata.put(lower.substring("x-amz-meta-".length()), String.join(",", values));
            }
        });
        return metadata;
    }

    byte[] rawBody() throws IOException {
        return exchange.getRequestBody().readAllBytes();
    }
}
