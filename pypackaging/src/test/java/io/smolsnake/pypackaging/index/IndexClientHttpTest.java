package io.smolsnake.pypackaging.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.name.PackageName;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexClientHttpTest {
    private static final PackageName FOO = PackageName.of("Foo");
    private static final String HTML = "<a href=\"/files/foo-1.0-py3-none-any.whl#sha256=aa\">foo</a>";
    private static final String JSON = """
            {"meta": {"api-version": "1.0"}, "name": "foo",
             "files": [{"filename": "foo-2.0-py3-none-any.whl", "url": "/files/foo-2.0-py3-none-any.whl",
                        "hashes": {"sha256": "bb"}}]}
            """;

    @TempDir
    Path cache;

    private final TestServer server = new TestServer();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private IndexClient.Builder client() {
        return IndexClient.builder().cacheDir(cache).sleeper(sleeps::add)
                .retry(new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)));
    }

    private IndexSource.SimpleIndex index(String path) {
        return new IndexSource.SimpleIndex(server.url(path));
    }

    @Test
    void asksForPep691JsonAndReadsItWhenTheServerOffersIt() {
        server.route("/simple/foo/", (ex, n) -> {
            String accept = ex.getRequestHeaders().getFirst("Accept");
            return accept.startsWith(PageParser.JSON_TYPE)
                    ? TestServer.send(ex, 200, PageParser.JSON_TYPE, JSON.getBytes(StandardCharsets.UTF_8), Map.of())
                    : TestServer.send(ex, 200, "text/html", HTML.getBytes(StandardCharsets.UTF_8), Map.of());
        });

        ProjectLookup answer = client().build().lookup(index("/simple"), FOO);

        ProjectPage page = assertInstanceOf(ProjectLookup.Found.class, answer).page();
        assertEquals(List.of("foo-2.0-py3-none-any.whl"), page.files().stream().map(ProjectFile::filename).toList());
        assertEquals(server.url("/files/foo-2.0-py3-none-any.whl"), page.files().get(0).url());
    }

    @Test
    void fallsBackToHtmlWhenTheServerOnlySpeaksPep503() {
        server.page("/simple/foo/", "text/html; charset=utf-8", HTML, null);

        ProjectLookup answer = client().build().lookup(index("/simple/"), FOO);

        ProjectPage page = assertInstanceOf(ProjectLookup.Found.class, answer).page();
        assertEquals(List.of(new ProjectFile("foo-1.0-py3-none-any.whl", server.url("/files/foo-1.0-py3-none-any.whl"),
                Map.of("sha256", "aa"), null, false, null, null, -1)), page.files());
    }

    @Test
    void followsARedirectAndResolvesTheFilesAgainstThePageItEndsOn() {
        server.route("/simple/foo/", (ex, n) -> TestServer.send(ex, 301, "text/plain", new byte[0],
                Map.of("Location", "/moved/foo/")));
        server.page("/moved/foo/", "text/html", "<a href=\"foo-1.0-py3-none-any.whl\">foo</a>", null);

        ProjectLookup answer = client().build().lookup(index("/simple"), FOO);

        ProjectPage page = assertInstanceOf(ProjectLookup.Found.class, answer).page();
        assertEquals(server.url("/moved/foo/foo-1.0-py3-none-any.whl"), page.files().get(0).url());
    }

    @Test
    void closingCutsOffARequestStillWaitingForItsAnswerAndRefusesNewOnes() throws Exception {
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server.route("/simple/foo/", (ex, n) -> {
            arrived.countDown();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestServer.send(ex, 200, "text/html", HTML.getBytes(StandardCharsets.UTF_8), Map.of());
        });
        IndexClient client = client().noCache().retry(new RetryPolicy(1, Duration.ofMillis(1), 1.0,
                Duration.ofMillis(1))).build();

        java.util.concurrent.CompletableFuture<ProjectLookup> pending =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> client.lookup(index("/simple"), FOO));
        arrived.await(30, java.util.concurrent.TimeUnit.SECONDS);
        client.close();
        ProjectLookup cut = pending.get(60, java.util.concurrent.TimeUnit.SECONDS);
        release.countDown();

        assertInstanceOf(ProjectLookup.Unreachable.class, cut, "the answer came only after the server was released");
        ProjectLookup.Unreachable refused = assertInstanceOf(ProjectLookup.Unreachable.class,
                client.lookup(index("/simple"), FOO));
        assertTrue(refused.reason().contains("closed"), refused.reason());
    }

    @Test
    void reportsA404ProjectAsNotFound() {
        ProjectLookup answer = client().build().lookup(index("/simple"), FOO);

        assertEquals(new ProjectLookup.NotFound(index("/simple")), answer);
    }

    @Test
    void revalidatesACachedPageWithItsEtagAndUsesTheCachedBodyOn304() {
        server.page("/simple/foo/", "text/html", HTML, "\"v1\"");
        client().build().lookup(index("/simple"), FOO);

        ProjectLookup again = client().build().lookup(index("/simple"), FOO);

        List<TestServer.Request> requests = server.requests("/simple/foo/");
        assertEquals(2, requests.size());
        assertNull(requests.get(0).header("If-None-Match"));
        assertEquals("\"v1\"", requests.get(1).header("If-None-Match"));
        assertEquals(304, requests.get(1).status());
        assertEquals(List.of("foo-1.0-py3-none-any.whl"), assertInstanceOf(ProjectLookup.Found.class, again)
                .page().files().stream().map(ProjectFile::filename).toList());
    }

    @Test
    void revalidatesWithLastModifiedWhenThereIsNoEtag() {
        String stamp = "Wed, 21 Oct 2015 07:28:00 GMT";
        server.route("/simple/foo/", (ex, n) -> stamp.equals(ex.getRequestHeaders().getFirst("If-Modified-Since"))
                ? TestServer.send(ex, 304, null, new byte[0], Map.of())
                : TestServer.send(ex, 200, "text/html", HTML.getBytes(StandardCharsets.UTF_8), Map.of("Last-Modified", stamp)));
        client().build().lookup(index("/simple"), FOO);

        ProjectLookup again = client().build().lookup(index("/simple"), FOO);

        assertEquals(304, server.requests("/simple/foo/").get(1).status());
        assertInstanceOf(ProjectLookup.Found.class, again);
    }

    @Test
    void retriesServerErrorsWithGrowingBackoffUntilTheServerAnswers() {
        server.route("/simple/foo/", (ex, n) -> n < 3
                ? TestServer.send(ex, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8), Map.of())
                : TestServer.send(ex, 200, "text/html", HTML.getBytes(StandardCharsets.UTF_8), Map.of()));

        ProjectLookup answer = client().build().lookup(index("/simple"), FOO);

        assertInstanceOf(ProjectLookup.Found.class, answer);
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsAndSaysHowManyThereWere() {
        server.route("/simple/foo/", (ex, n) -> TestServer.send(ex, 502, "text/plain", new byte[] {'x'}, Map.of()));

        ProjectLookup answer = client().build().lookup(index("/simple"), FOO);

        assertEquals(new ProjectLookup.Unreachable(index("/simple"),
                "HTTP 502 after 3 attempts for " + server.url("/simple/foo/")), answer);
        assertEquals(3, server.requests("/simple/foo/").size());
    }

    @Test
    void retriesARequestThatTimesOut() {
        server.route("/simple/foo/", (ex, n) -> {
            if (n == 1) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return TestServer.send(ex, 200, "text/html", HTML.getBytes(StandardCharsets.UTF_8), Map.of());
        });

        ProjectLookup answer = client().requestTimeout(Duration.ofMillis(300)).build().lookup(index("/simple"), FOO);

        assertInstanceOf(ProjectLookup.Found.class, answer);
        assertEquals(List.of(Duration.ofMillis(100)), sleeps);
    }

    @Test
    void doesNotRetryClientErrors() {
        server.route("/simple/foo/", (ex, n) -> TestServer.send(ex, 403, "text/plain", new byte[] {'x'}, Map.of()));

        ProjectLookup answer = client().build().lookup(index("/simple"), FOO);

        assertEquals(new ProjectLookup.Unreachable(index("/simple"), "HTTP 403 for " + server.url("/simple/foo/")), answer);
        assertEquals(List.of(), sleeps);
    }

    @Test
    void mergesEverySourcesFilesAndWarnsAboutAnUnreachableOne() throws IOException {
        server.page("/a/foo/", "text/html", HTML, null);
        server.page("/b/foo/", PageParser.JSON_TYPE, JSON, null);
        IndexSource.SimpleIndex dead = new IndexSource.SimpleIndex(URI.create("http://127.0.0.1:" + closedPort() + "/simple"));

        ProjectCandidates candidates = client().sources(List.of(index("/a"), dead, index("/b"), index("/c")))
                .build().project(FOO);

        assertEquals(List.of("foo-1.0-py3-none-any.whl", "foo-2.0-py3-none-any.whl"),
                candidates.files().stream().map(ProjectFile::filename).toList());
        assertEquals(List.of("could not read " + dead.url() + ": cannot connect to 127.0.0.1:" + dead.url().getPort() + " (Connection refused)"),
                candidates.warnings());
        assertInstanceOf(ProjectLookup.NotFound.class, candidates.lookups().get(3));
    }

    @Test
    void takesOnlyTheFirstIndexThatKnowsTheProjectWhenAskedTo() {
        server.page("/b/foo/", "text/html", HTML, null);
        server.page("/c/foo/", PageParser.JSON_TYPE, JSON, null);

        ProjectCandidates candidates = client().strategy(MergeStrategy.FIRST_INDEX)
                .sources(List.of(index("/a"), index("/b"), index("/c"))).build().project(FOO);

        assertEquals(List.of("foo-1.0-py3-none-any.whl"), candidates.files().stream().map(ProjectFile::filename).toList());
        assertEquals(List.of(), server.requests("/c/foo/"));
    }

    @Test
    void failsNamingEverySourceWhenNoneCanBeRead() throws IOException {
        int port = closedPort();
        server.route("/a/foo/", (ex, n) -> TestServer.send(ex, 500, "text/plain", new byte[] {'x'}, Map.of()));
        IndexSource dead = IndexSource.index("http://127.0.0.1:" + port + "/simple");

        NoSourceReachableException e = assertThrows(NoSourceReachableException.class,
                () -> client().sources(List.of(index("/a"), dead)).build().project(FOO));

        String[] lines = e.getMessage().split("\n");
        assertEquals("no index source could be read for foo:", lines[0]);
        assertEquals("  " + server.url("/a/") + ": HTTP 500 after 3 attempts for " + server.url("/a/foo/"), lines[1]);
        assertEquals("  http://127.0.0.1:" + port + "/simple/: cannot connect to 127.0.0.1:" + port + " (Connection refused)", lines[2]);
    }

    @Test
    void treatsAnUnreadablePageAsUnreachableNotFatal() {
        server.page("/a/foo/", PageParser.JSON_TYPE, "{\"files\": 1}", null);
        server.page("/b/foo/", "text/html", HTML, null);

        ProjectCandidates candidates = client().sources(List.of(index("/a"), index("/b"))).build().project(FOO);

        assertEquals(List.of("could not read " + server.url("/a/") + ": not a valid JSON project page at "
                + server.url("/a/foo/") + ": no \"files\" array"), candidates.warnings());
        assertEquals(1, candidates.files().size());
    }

    @Test
    void readsFindLinksPagesOverHttpMatchingFilesByName() {
        server.page("/links.html", "text/html", "<a href=\"foo-1.0.tar.gz\">a</a><a href=\"foobar-1.0.tar.gz\">b</a>"
                + "<a href=\"Foo-2.0-py3-none-any.whl\">c</a>", null);
        IndexSource links = new IndexSource.FindLinks(server.url("/links.html"));

        ProjectLookup answer = client().build().lookup(links, FOO);

        assertEquals(List.of("foo-1.0.tar.gz", "Foo-2.0-py3-none-any.whl"), assertInstanceOf(ProjectLookup.Found.class,
                answer).page().files().stream().map(ProjectFile::filename).toList());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
