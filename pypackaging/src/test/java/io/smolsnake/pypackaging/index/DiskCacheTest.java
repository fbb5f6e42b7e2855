package io.smolsnake.pypackaging.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiskCacheTest {
    private static final URI URL = URI.create("https://pypi.org/simple/numpy/");

    @TempDir
    Path root;

    @Test
    void keepsAPageWithItsValidatorsAndTheUrlItEndedOn() {
        DiskCache cache = new DiskCache(root);
        byte[] body = "<html>\n\n<a href=\"numpy-2.0.whl\">x</a>\n".getBytes(StandardCharsets.UTF_8);
        cache.storePage(URL, new DiskCache.Page("\"abc\"", "Sat, 01 Nov 2026 10:00:00 GMT",
                "text/html; charset=utf-8", URI.create("https://pypi.org/simple/numpy/?x=1"), body));

        DiskCache.Page page = cache.page(URL).orElseThrow();

        assertEquals("\"abc\"", page.etag());
        assertEquals("Sat, 01 Nov 2026 10:00:00 GMT", page.lastModified());
        assertEquals("text/html; charset=utf-8", page.contentType());
        assertEquals(URI.create("https://pypi.org/simple/numpy/?x=1"), page.finalUrl());
        assertArrayEquals(body, page.body());
    }

    @Test
    void keepsAPageWithoutValidatorsAndAnEmptyBody() {
        DiskCache cache = new DiskCache(root);
        cache.storePage(URL, new DiskCache.Page(null, null, null, URL, new byte[0]));

        DiskCache.Page page = cache.page(URL).orElseThrow();

        assertNull(page.etag());
        assertNull(page.lastModified());
        assertNull(page.contentType());
        assertEquals(0, page.body().length);
    }

    @Test
    void leavesOutAValidatorWithALineBreakRatherThanCorruptTheEntry() {
        DiskCache cache = new DiskCache(root);
        cache.storePage(URL, new DiskCache.Page("a\nurl: https://evil/", null, null, URL, "b".getBytes(StandardCharsets.UTF_8)));

        DiskCache.Page page = cache.page(URL).orElseThrow();

        assertNull(page.etag());
        assertEquals(URL, page.finalUrl());
        assertArrayEquals("b".getBytes(StandardCharsets.UTF_8), page.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{\"url\":\"https://pypi.org/simple/numpy/\",\"etag\":\"x\"}\n<html>", // an entry of an earlier version
        "smolsnake-page 1\nurl: https://pypi.org/simple/numpy/\n", // cut off before the body
        "smolsnake-page 1\nno separator here\n\nbody",
        "smolsnake-page 1\nurl: not a uri\u0000\n\nbody",
        "smolsnake-page 9\n\nbody"})
    void readsADamagedOrForeignEntryAsAMiss(String content) throws Exception {
        DiskCache cache = new DiskCache(root);
        cache.storePage(URL, new DiskCache.Page(null, null, null, URL, new byte[0]));
        Path entry;
        try (Stream<Path> files = Files.list(root.resolve("pages"))) {
            entry = files.findFirst().orElseThrow();
        }
        Files.writeString(entry, content);

        assertTrue(cache.page(URL).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
            "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "../../etc/passwd"})
    void onlyALowercaseSha256NamesMetadata(String notOne) {
        assertTrue(!DiskCache.isSha256(notOne), notOne);
        assertTrue(DiskCache.isSha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        assertTrue(!DiskCache.isSha256(null));
    }
}
