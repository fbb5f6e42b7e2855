package io.smolsnake.pypackaging.index;

import io.smolsnake.pypackaging.name.PackageName;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Asks one source for one project: HTTP with content negotiation and revalidation, or the file system. */
final class Lookups {
    static final String ACCEPT = PageParser.JSON_TYPE
            + ", application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

    private final Http http;
    private final DiskCache cache; // may be null
    private final Map<URI, List<ProjectFile>> flatPages = new ConcurrentHashMap<>();

    Lookups(Http http, DiskCache cache) {
        this.http = http;
        this.cache = cache;
    }

    ProjectLookup lookup(IndexSource source, PackageName name) {
        try {
            if (source instanceof IndexSource.SimpleIndex index) {
                return simple(index, name);
            }
            return flat((IndexSource.FindLinks) source, name);
        } catch (IOException e) {
            return new ProjectLookup.Unreachable(source, describe(e, source.url()));
        } catch (IndexException e) {
            return new ProjectLookup.Unreachable(source, e.getMessage());
        }
    }

    private ProjectLookup simple(IndexSource.SimpleIndex index, PackageName name) throws IOException {
        URI pageUrl = index.url().resolve(name.normalized() + "/");
        if (isFile(pageUrl)) {
            Path root = Path.of(index.url());
            if (!Files.isDirectory(root)) {
                return new ProjectLookup.Unreachable(index, "no such directory " + root);
            }
            Path dir = Path.of(pageUrl);
            Path page = dir.resolve("index.html");
            if (!Files.isRegularFile(page)) {
                return new ProjectLookup.NotFound(index);
            }
            List<ProjectFile> files = PageParser.html(Files.readString(page), pageUrl);
            return new ProjectLookup.Found(index, new ProjectPage(name, pageUrl, files));
        }
        Fetched fetched = fetchPage(pageUrl, ACCEPT);
        if (fetched == null) {
            return new ProjectLookup.NotFound(index);
        }
        List<ProjectFile> files = PageParser.parse(fetched.body(), fetched.contentType(), fetched.url());
        return new ProjectLookup.Found(index, new ProjectPage(name, fetched.url(), files));
    }

    private ProjectLookup flat(IndexSource.FindLinks links, PackageName name) throws IOException {
        List<ProjectFile> all;
        if (isFile(links.url())) {
            Path path = Path.of(links.url());
            if (Files.isDirectory(path)) {
                all = new ArrayList<>();
                try (Stream<Path> listing = Files.list(path)) {
                    for (Path p : listing.sorted().toList()) {
                        if (Files.isRegularFile(p)) {
                            all.add(ProjectFile.of(p.getFileName().toString(), p.toUri()));
                        }
                    }
                }
            } else if (Files.isRegularFile(path)) {
                all = PageParser.html(Files.readString(path), links.url());
            } else {
                return new ProjectLookup.Unreachable(links, "no such file or directory " + path);
            }
        } else {
            all = flatPages.get(links.url());
            if (all == null) {
                Fetched fetched = fetchPage(links.url(), "text/html");
                if (fetched == null) {
                    return new ProjectLookup.Unreachable(links, "HTTP 404 (find-links page not found)");
                }
                all = PageParser.html(new String(fetched.body(), java.nio.charset.StandardCharsets.UTF_8),
                        fetched.url());
                flatPages.put(links.url(), all);
            }
        }
        List<ProjectFile> matching = all.stream().filter(f -> belongsTo(f.filename(), name)).toList();
        if (matching.isEmpty()) {
            return new ProjectLookup.NotFound(links);
        }
        return new ProjectLookup.Found(links, new ProjectPage(name, links.url(), matching));
    }

    /**
     * Whether a flat file belongs to {@code name}: a wheel's first dash-separated part, or some
     * dash-separated prefix of an sdist's stem, normalises to the name (as pip matches find-links).
     */
    static boolean belongsTo(String filename, PackageName name) {
        FileKind kind = FileKind.of(filename);
        if (kind == FileKind.OTHER) {
            return false;
        }
        String stem = FileKind.stem(filename);
        if (kind == FileKind.WHEEL) {
            int dash = stem.indexOf('-');
            return dash > 0 && PackageName.canonicalize(stem.substring(0, dash)).equals(name.normalized());
        }
        for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
            if (dash + 1 < stem.length()
                    && PackageName.canonicalize(stem.substring(0, dash)).equals(name.normalized())) {
                return true;
            }
        }
        return false;
    }

    /** A page body with its content type and final URL. */
    record Fetched(URI url, String contentType, byte[] body) {}

    /**
     * GETs a page, revalidating a cached copy with {@code If-None-Match} / {@code
     * If-Modified-Since}; null for 404 and 410.
     *
     * @throws IOException on network failure or any other non-success status
     */
    Fetched fetchPage(URI url, String accept) throws IOException {
        DiskCache.Page cached = cache == null ? null : cache.page(url).orElse(null);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", accept);
        if (cached != null && cached.etag() != null) {
            headers.put("If-None-Match", cached.etag());
        }
        if (cached != null && cached.lastModified() != null) {
            headers.put("If-Modified-Since", cached.lastModified());
        }
        Http.Response r = http.get(url, headers);
        if (r.status() == 304 && cached != null) {
            return new Fetched(cached.finalUrl(), cached.contentType(), cached.body());
        }
        if (r.status() == 404 || r.status() == 410) {
            return null;
        }
        if (r.status() != 200) {
            throw new IOException(Http.describe(r) + " for " + url);
        }
        String contentType = r.header("Content-Type").orElse("text/html");
        String etag = r.header("ETag").orElse(null);
        String lastModified = r.header("Last-Modified").orElse(null);
        if (cache != null && (etag != null || lastModified != null)) {
            cache.storePage(url, new DiskCache.Page(etag, lastModified, contentType, r.uri(), r.body()));
        }
        return new Fetched(r.uri(), contentType, r.body());
    }

    static boolean isFile(URI url) {
        return "file".equalsIgnoreCase(url.getScheme());
    }

    /** A short reason for a failed request to {@code url}, naming the host where that helps. */
    static String describe(IOException e, java.net.URI url) {
        String host = url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "cannot resolve host " + url.getHost();
            }
        }
        if (e instanceof java.net.ConnectException) {
            return "cannot connect to " + host + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e.getClass() == IOException.class ? message : e.getClass().getSimpleName() + ": " + message;
    }
}
