package io.smolsnake.pypackaging.index;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Where project files come from: a simple repository, or a flat find-links location. */
public sealed interface IndexSource {

    /** The source's location, as given. */
    URI url();

    /**
     * A PEP 503 / PEP 691 simple repository ({@code https://pypi.org/simple}, {@code
     * file:///opt/pypi/simple}); a project's page is {@code <url>/<normalised name>/}.
     */
    record SimpleIndex(URI url) implements IndexSource {
        public SimpleIndex {
            Objects.requireNonNull(url, "url");
            requireSupportedScheme(url);
            String text = url.toString();
            if (!text.endsWith("/")) {
                url = URI.create(text + "/");
            }
        }

        @Override
        public String toString() {
            return url.toString();
        }
    }

    /**
     * A {@code --find-links} location: a directory whose files are matched to a project by the
     * normalised name at the start of the filename, or an HTML page of links to such files.
     */
    record FindLinks(URI url) implements IndexSource {
        public FindLinks {
            Objects.requireNonNull(url, "url");
            requireSupportedScheme(url);
        }

        @Override
        public String toString() {
            return url.toString();
        }
    }

    /** A simple index at {@code url} (http, https or file). */
    static SimpleIndex index(String url) {
        return new SimpleIndex(toUri(url));
    }

    /** A find-links location: a URL (http, https, file) or a local path. */
    static FindLinks findLinks(String location) {
        return new FindLinks(toUri(location));
    }

    /** A URL as pip accepts it: a URL with a scheme, or else a local path. */
    private static URI toUri(String location) {
        Objects.requireNonNull(location, "location");
        String trimmed = location.strip();
        if (trimmed.isEmpty()) {
            throw new IndexException("an index location is required, got an empty string");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*") || lower.startsWith("file:")) {
            try {
                URI uri = new URI(trimmed);
                requireSupportedScheme(uri);
                return uri;
            } catch (java.net.URISyntaxException e) {
                throw new IndexException("not a valid index URL: '" + location + "' (" + e.getReason() + ")", e);
            }
        }
        if (trimmed.startsWith("~")) {
            trimmed = System.getProperty("user.home") + trimmed.substring(1);
        }
        return Path.of(trimmed).toAbsolutePath().normalize().toUri();
    }

    private static void requireSupportedScheme(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
            throw new IndexException("unsupported index URL '" + url + "': use http://, https:// or file://");
        }
    }
}
