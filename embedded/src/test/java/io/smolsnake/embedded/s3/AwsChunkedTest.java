package io.smolsnake.embedded.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsChunkedTest {

    @Test
    void decodesSignedChunksWithoutTrailer() {
        String body = "5;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\nhello\r\n"
                + "6;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n world\r\n"
                + "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n";

        AwsChunked.Decoded decoded = AwsChunked.decode(body.getBytes(StandardCharsets.US_ASCII), "/b/k");

        assertEquals("hello world", new String(decoded.body(), StandardCharsets.US_ASCII));
        assertEquals(Map.of(), decoded.trailers());
    }

    @Test
    void decodesUnsignedChunksAndTheirChecksumTrailer() {
        String body = "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";

        AwsChunked.Decoded decoded = AwsChunked.decode(body.getBytes(StandardCharsets.US_ASCII), "/b/k");

        assertEquals("hello world", new String(decoded.body(), StandardCharsets.US_ASCII));
        assertEquals(Map.of("x-amz-checksum-crc32", "DUoRhQ=="), decoded.trailers());
        assertEquals("DUoRhQ==", Digests.checksum("crc32", decoded.body()).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zz\r\nhello\r\n0\r\n\r\n", "ff\r\nhello\r\n0\r\n\r\n", "5\r\nhelloXX0\r\n\r\n"})
    void refusesAMalformedBodyAsIncompleteBody(String body) {
        S3Exception e = assertThrows(S3Exception.class,
                () -> AwsChunked.decode(body.getBytes(StandardCharsets.US_ASCII), "/b/k"));

        assertEquals("IncompleteBody", e.code());
        assertEquals(400, e.status());
        assertEquals("/b/k", e.resource());
    }
}
