package io.smolsnake.embedded.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the SDKs never send but curl, other tools or a typo do: raw HTTP against the endpoint. */
class RawHttpTest {
    private S3Service service;

    @BeforeEach
    void start() throws IOException {
        service = S3Service.start();
        exchange("PUT /bundles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
        exchange("PUT /bundles/fn/source.zip HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void servesVirtualHostStyleRequestsForBucketDotLocalhost() throws IOException {
        String response = exchange("GET /fn/source.zip HTTP/1.1\r\nHost: bundles.localhost:"
                + service.endpoint().getPort() + "\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        assertTrue(response.endsWith("\r\n\r\nhello"), response);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PUT /ab HTTP/1.1                        | 400 | <Code>InvalidBucketName</Code>
            PUT /Not_A_Bucket HTTP/1.1              | 400 | <Code>InvalidBucketName</Code>
            GET /missing/key HTTP/1.1               | 404 | <Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><Resource>/missing</Resource>
            GET /bundles/nope HTTP/1.1              | 404 | <Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Resource>/bundles/nope</Resource>
            GET /bundles?list-type=2&max-keys=x HTTP/1.1 | 400 | <Code>InvalidArgument</Code>
            GET /bundles?tagging HTTP/1.1           | 501 | <Code>NotImplemented</Code>
            PATCH /bundles/k HTTP/1.1               | 405 | <Code>MethodNotAllowed</Code>
            """)
    void answersWithS3sXmlErrorBody(String requestLine, int status, String fragment) throws IOException {
        String response = exchange(requestLine + "\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/xml\r\n"), response);
        assertTrue(response.contains("<Error>" + fragment), response);
    }

    @Test
    void headReportsTheLengthWithoutSendingTheBody() throws IOException {
        String response = exchange("HEAD /bundles/fn/source.zip HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertTrue(response.contains("Content-length: 5\r\n"), response);
        assertTrue(response.contains("Etag: \"5d41402abc4b2a76b9719d911017c592\"\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\n"), response);
    }

    @Test
    void answersAnUnchangedObjectWithNotModified() throws IOException {
        String response = exchange("GET /bundles/fn/source.zip HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "If-None-Match: \"5d41402abc4b2a76b9719d911017c592\"\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 304 "), response);
    }

    /** One request on its own connection; the whole response as text. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(service.endpoint().getHost(), service.endpoint().getPort())) {
            OutputStream out = socket.getOutputStream();
            String withClose = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
            out.write(withClose.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(false, response.isEmpty(), "no response to " + request);
            return response;
        }
    }
}
