package io.smolsnake.pypackaging.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageParserTest {
    private static final URI PAGE = URI.create("https://example.org/simple/foo/");

    @Test
    void readsEveryPep503AttributeOfAnAnchor() {
        String html = """
                <!DOCTYPE html><html><body>
                <a href="../../files/foo-1.0-py3-none-any.whl#sha256=ABCDEF"
                   data-requires-python="&gt;=3.8,&lt;4" data-yanked="broken &amp; bad"
                   data-core-metadata="sha256=1234" data-dist-info-metadata="sha256=9999">foo-1.0-py3-none-any.whl</a>
                <A HREF='https://cdn.example.org/foo-0.9.tar.gz' data-yanked>foo-0.9.tar.gz</A>
                <a href=foo-0.8.tar.gz data-dist-info-metadata=true>x</a>
                </body></html>
                """;

        List<ProjectFile> files = PageParser.html(html, PAGE);

        assertEquals(List.of(
                new ProjectFile("foo-1.0-py3-none-any.whl",
                        URI.create("https://example.org/files/foo-1.0-py3-none-any.whl"), Map.of("sha256", "abcdef"),
                        ">=3.8,<4", true, "broken & bad", ProjectFile.CoreMetadata.available(Map.of("sha256", "1234")), -1),
                new ProjectFile("foo-0.9.tar.gz", URI.create("https://cdn.example.org/foo-0.9.tar.gz"), Map.of(),
                        null, true, null, ProjectFile.CoreMetadata.NONE, -1),
                new ProjectFile("foo-0.8.tar.gz", URI.create("https://example.org/simple/foo/foo-0.8.tar.gz"), Map.of(),
                        null, false, null, ProjectFile.CoreMetadata.available(Map.of()), -1)),
                files);
    }

    @Test
    void resolvesLinksAgainstABaseElement() {
        String html = "<base href=\"https://files.example.org/packages/\"><a href=\"foo-1.0.zip\">foo</a>";

        List<ProjectFile> files = PageParser.html(html, PAGE);

        assertEquals(URI.create("https://files.example.org/packages/foo-1.0.zip"), files.get(0).url());
    }

    @Test
    void decodesPercentEncodedFilenamesAndKeepsPlusSigns() {
        String html = "<a href=\"torch-2.13.0%2Bcpu-cp311-cp311-linux_x86_64.whl\">t</a>"
                + "<a href=\"torch-2.12.0+cpu-cp311-cp311-linux_x86_64.whl\">t</a>"
                + "<a href=\"odd name-1.0.tar.gz\">t</a>";

        List<String> names = PageParser.html(html, PAGE).stream().map(ProjectFile::filename).toList();

        assertEquals(List.of("torch-2.13.0+cpu-cp311-cp311-linux_x86_64.whl",
                "torch-2.12.0+cpu-cp311-cp311-linux_x86_64.whl", "odd name-1.0.tar.gz"), names);
    }

    @Test
    void ignoresCommentsAndAnchorsWithoutHref() {
        String html = "<!-- <a href=\"hidden-1.0.tar.gz\">x</a> --><a name=\"top\">top</a><a href=\"foo-1.0.tar.gz\">f</a>";

        assertEquals(List.of("foo-1.0.tar.gz"), PageParser.html(html, PAGE).stream().map(ProjectFile::filename).toList());
    }

    @Test
    void readsEveryPep691FieldOfAJsonFile() {
        String json = """
                {"meta": {"api-version": "1.1"}, "name": "foo", "versions": ["1.0"],
                 "files": [
                  {"filename": "foo-1.0-py3-none-any.whl", "url": "../../files/foo-1.0-py3-none-any.whl",
                   "hashes": {"sha256": "AB12"}, "requires-python": ">=3.9", "yanked": "use 1.1",
                   "core-metadata": {"sha256": "cd34"}, "dist-info-metadata": false, "size": 1234},
                  {"filename": "foo-1.0.tar.gz", "url": "https://cdn.example.org/foo-1.0.tar.gz",
                   "hashes": {}, "yanked": true, "dist-info-metadata": true},
                  {"filename": "foo-0.9.tar.gz", "url": "foo-0.9.tar.gz", "hashes": {}, "requires-python": null,
                   "yanked": false}
                 ]}
                """;

        List<ProjectFile> files = PageParser.parse(json.getBytes(StandardCharsets.UTF_8),
                "application/vnd.pypi.simple.v1+json", PAGE);

        assertEquals(List.of(
                new ProjectFile("foo-1.0-py3-none-any.whl", URI.create("https://example.org/files/foo-1.0-py3-none-any.whl"),
                        Map.of("sha256", "ab12"), ">=3.9", true, "use 1.1",
                        ProjectFile.CoreMetadata.available(Map.of("sha256", "cd34")), 1234),
                new ProjectFile("foo-1.0.tar.gz", URI.create("https://cdn.example.org/foo-1.0.tar.gz"), Map.of(), null,
                        true, null, ProjectFile.CoreMetadata.available(Map.of()), -1),
                new ProjectFile("foo-0.9.tar.gz", URI.create("https://example.org/simple/foo/foo-0.9.tar.gz"), Map.of(),
                        null, false, null, ProjectFile.CoreMetadata.NONE, -1)),
                files);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"files\": 3}                                  | not a valid JSON project page at https://example.org/simple/foo/: no \"files\" array",
        "{\"meta\": {\"api-version\": \"2.0\"}, \"files\": []} | unsupported simple API version 2.0 at https://example.org/simple/foo/ (this client reads version 1.x)",
        "{\"files\": [{\"url\": \"x.whl\"}]}                 | not a valid JSON project page: files[0] of https://example.org/simple/foo/ has no \"filename\"",
        "[1, 2]                                         | not a valid JSON project page at https://example.org/simple/foo/: expected an object",
    })
    void rejectsMalformedJsonNamingThePage(String json, String message) {
        IndexException e = assertThrows(IndexException.class,
                () -> PageParser.json(json.getBytes(StandardCharsets.UTF_8), PAGE));
        assertEquals(message, e.getMessage());
    }

    @Test
    void rejectsJsonThatDoesNotParseNamingThePage() {
        IndexException e = assertThrows(IndexException.class,
                () -> PageParser.json("{\"files\": [".getBytes(StandardCharsets.UTF_8), PAGE));
        assertTrue(e.getMessage().startsWith("not a valid JSON project page at https://example.org/simple/foo/: "),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "foo-1.0-py3-none-any.whl, WHEEL",
        "Foo-1.0-PY3-NONE-ANY.WHL, WHEEL",
        "foo-1.0.tar.gz, SDIST",
        "foo-1.0.zip, SDIST",
        "foo-1.0.tar.bz2, SDIST",
        "foo-1.0-py2.7.egg, OTHER",
        "foo-1.0.win32.exe, OTHER",
        "foo-1.0.tar.gz.asc, OTHER",
    })
    void classifiesFilesByExtensionOnly(String filename, FileKind kind) {
        assertEquals(kind, FileKind.of(filename));
    }

    @ParameterizedTest
    @CsvSource({
        "&gt;=3.8, >=3.8",
        "&#62;=3.8, >=3.8",
        "&#x3E;=3.8, >=3.8",
        "a &unknown; b, a &unknown; b",
        "&amp;lt;, &lt;",
        "no references, no references",
    })
    void unescapesCharacterReferences(String escaped, String text) {
        assertEquals(text, HtmlText.unescape(escaped));
    }

    @Test
    void treatsAnEmptyYankReasonAsNoReason() {
        List<ProjectFile> files = PageParser.html("<a href=\"foo-1.0.zip\" data-yanked=\"\">x</a>", PAGE);
        assertTrue(files.get(0).yanked());
        assertEquals(null, files.get(0).yankedReason());
        assertFalse(files.get(0).metadata().available());
    }
}
