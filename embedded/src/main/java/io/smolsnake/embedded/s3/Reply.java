package io.smolsnake.embedded.s3;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** An HTTP answer: status, headers and body; a HEAD answer keeps the Content-Length of the body it omits. */
final class Reply {
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private Reply(int status) {
        this.status = status;
    }

    static Reply status(int status) {
        return new Reply(status);
    }

    static Reply xml(Xml xml) {
        return xml(200, xml);
    }

    static Reply xml(int status, Xml xml) {
        return new Reply(status).header("Content-Type", "application/xml").body(xml.bytes());
    }

    static Reply error(S3Exception e, String requestId) {
        Xml xml = Xml.plain("Error").element("Code", e.code()).element("Message", e.getMessage())
                .element("Resource", e.resource()).element("RequestId", requestId);
        return xml(e.status(), xml);
    }

    Reply header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    Reply body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    int statusCode() {
        return status;
    }

    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    void send(HttpExchange exchange, boolean head) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = head || status == 204 || status == 304;
        if (head && status != 204 && status != 304) {
            exchange.getResponseHeaders().set("Content-Length", headers.getOrDefault("Content-Length",
                    Integer.toString(body.length)));
        }
        if (noBody || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
