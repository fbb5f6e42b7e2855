package io.smolsnake.pypackaging.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.smolsnake.pypackaging.name.PackageName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourcesTest {
    @TempDir
    Path root;

    private IndexClient client() {
        return IndexClient.builder().noCache().build();
    }

    /** A file:// index laid out like /opt/pypi: simple/<project>/index.html linking to ../../files/. */
    private IndexSource.SimpleIndex fileIndex() throws IOException {
        byte[] wheel = TestWheels.wheel("foo-bar", "1.0", 100);
        Files.createDirectories(root.resolve("files"));
        Files.write(root.resolve("files/foo_bar-1.0-py3-none-any.whl"), wheel);
        Files.createDirectories(root.resolve("simple/foo-bar"));
        Files.writeString(root.resolve("simple/foo-bar/index.html"), "<!DOCTYPE html><html><body>\n"
                + "<a href=\"../../files/foo_bar-1.0-py3-none-any.whl#sha256=" + MetadataReader.digest("sha256", wheel)
                + "\" data-requires-python=\"&gt;=3.9\">foo_bar-1.0-py3-none-any.whl</a>\n</body></html>\n");
        return IndexSource.index(root.resolve("simple").toUri().toString());
    }

    @Test
    void readsAFileIndexAndResolvesLinksAgainstTheProjectDirectory() throws IOException {
        IndexSource.SimpleIndex index = fileIndex();

        ProjectLookup answer = client().lookup(index, PackageName.of("Foo.Bar"));

        ProjectFile file = assertInstanceOf(ProjectLookup.Found.class, answer).page().files().get(0);
        assertEquals(root.resolve("files/foo_bar-1.0-py3-none-any.whl").toUri(), file.url());
        assertEquals(">=3.9", file.requiresPython());
    }

    @Test
    void readsMetadataOfAWheelInAFileIndex() throws IOException {
        IndexClient client = client();
        ProjectFile file = ((ProjectLookup.Found) client.lookup(fileIndex(), PackageName.of("foo-bar"))).page().files().get(0);

        RawMetadata metadata = client.metadata(file);

        assertEquals(TestWheels.metadata("foo-bar", "1.0"), metadata.text());
    }

    @Test
    void reportsAProjectWithoutADirectoryAsNotFound() throws IOException {
        IndexSource.SimpleIndex index = fileIndex();

        assertEquals(new ProjectLookup.NotFound(index), client().lookup(index, PackageName.of("absent")));
    }

    @Test
    void reportsAMissingIndexDirectoryAsUnreachable() {
        IndexSource index = IndexSource.index(root.resolve("nowhere").toUri().toString());

        assertEquals(new ProjectLookup.Unreachable(index, "no such directory " + root.resolve("nowhere")),
                client().lookup(index, PackageName.of("foo")));
    }

    @Test
    void matchesFilesInAFindLinksDirectoryByName() throws IOException {
        for (String name : List.of("foo-1.0.tar.gz", "foo-2.0-py3-none-any.whl", "foobar-1.0.tar.gz",
                "foo_bar-1.0-py3-none-any.whl", "notes.txt")) {
            Files.writeString(root.resolve(name), "x");
        }
        IndexSource links = IndexSource.findLinks(root.toString());

        ProjectLookup answer = client().lookup(links, PackageName.of("FOO"));

        assertEquals(List.of("foo-1.0.tar.gz", "foo-2.0-py3-none-any.whl"),
                assertInstanceOf(ProjectLookup.Found.class, answer).page().files().stream()
                        .map(ProjectFile::filename).toList());
        assertEquals(new ProjectLookup.NotFound(links), client().lookup(links, PackageName.of("absent")));
    }

    @Test
    void readsAFindLinksHtmlFile() throws IOException {
        Files.writeString(root.resolve("links.html"), "<a href=\"dist/foo-1.0.tar.gz#sha256=ab\">foo</a>");

        ProjectLookup answer = client().lookup(IndexSource.findLinks(root.resolve("links.html").toUri().toString()),
                PackageName.of("foo"));

        assertEquals(List.of(new ProjectFile("foo-1.0.tar.gz", root.resolve("dist/foo-1.0.tar.gz").toUri(),
                Map.of("sha256", "ab"), null, false, null, null, -1)),
                assertInstanceOf(ProjectLookup.Found.class, answer).page().files());
    }

    @Test
    void mergesAFileIndexWithFindLinksAndWarnsAboutAMissingOne() throws IOException {
        IndexSource.SimpleIndex index = fileIndex();
        Path wheels = Files.createDirectories(root.resolve("wheels"));
        Files.writeString(wheels.resolve("foo_bar-2.0-py3-none-any.whl"), "x");
        IndexSource missing = IndexSource.findLinks(root.resolve("gone").toString());

        ProjectCandidates candidates = IndexClient.builder().noCache()
                .sources(List.of(index, missing, IndexSource.findLinks(wheels.toString())))
                .build().project(PackageName.of("foo-bar"));

        assertEquals(List.of("foo_bar-1.0-py3-none-any.whl", "foo_bar-2.0-py3-none-any.whl"),
                candidates.files().stream().map(ProjectFile::filename).toList());
        assertEquals(List.of("could not read " + missing + ": no such file or directory " + root.resolve("gone")),
                candidates.warnings());
    }
}
