package io.smolsnake.pypackaging.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP requests with retries on 5xx, 429 and timeouts, over the JDK's blocking
 * {@link HttpURLConnection}.
 *
 * <p>Blocking connections rather than {@code java.net.http.HttpClient}: that client keeps a selector
 * thread waiting in native code for as long as it lives, and the JVM waits about 300 ms at exit for
 * such threads, which is a fifth of a whole {@code smolsnake lock}. Proxies come from the standard
 * {@code http(s).proxyHost} properties, TLS from the default trust store. Redirects are followed
 * here (at most {@value #MAX_REDIRECTS}), including http to https, never https to http.
 */
public final class Http implements AutoCloseable {
    private static final int MAX_REDIRECTS = 10;

    /** Requests whose response is still being read: {@link #close} cuts them off. */
    private final Set<HttpURLConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private final RetryPolicy retry;
    private final RetryPolicy.Sleeper sleeper;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    Http(RetryPolicy retry, RetryPolicy.Sleeper sleeper, Duration connectTimeout, Duration requestTimeout) {
        this.retry = retry;
        this.sleeper = sleeper;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /** The default retry policy, a 20-second connect timeout and {@code requestTimeout} per read. */
    public static Http withTimeout(Duration requestTimeout) {
        return new Http(RetryPolicy.defaults(), RetryPolicy.Sleeper.REAL, Duration.ofSeconds(20), requestTimeout);
    }

    /** A response with its whole body; {@code uri} is the final URI after redirects. */
    record Response(int status, URI uri, Map<String, List<String>> headers, byte[] body, int attempts) {
        Optional<String> header(String name) {
            return Http.header(headers, name);
        }
    }

    /** An open response whose body is read by the caller, who closes it. */
    public static final class Streamed implements AutoCloseable {
        private final HttpURLConnection connection;
        private final int status;
        private final Set<HttpURLConnection> open;

        private Streamed(HttpURLConnection connection, int status, Set<HttpURLConnection> open) {
            this.connection = connection;
            this.status = status;
            this.open = open;
        }

        public int status() {
            return status;
        }

        public Optional<String> header(String name) {
            return Http.header(connection.getHeaderFields(), name);
        }

        /** The body (of an error response too); empty when there is none. */
        public InputStream body() throws IOException {
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return in != null ? in : InputStream.nullInputStream();
        }

        @Override
        public void close() {
            try {
                body().close();
            } catch (IOException | RuntimeException e) { // a connection cut off by Http.close, say
                connection.disconnect();
            } finally {
                open.remove(connection);
            }
        }
    }

    /**
     * GETs {@code url} with {@code headers}, trying again on 5xx, 429 and timeouts as the retry
     * policy allows; returns the last response (which may still be 5xx).
     *
     * @throws IOException when the last try failed without a response
     */
    Response get(URI url, Map<String, String> headers) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Streamed r = open("GET", url, headers)) {
                boolean retryable = r.status() >= 500 || r.status() == 429;
                if (!retryable || attempt >= retry.maxAttempts()) {
                    byte[] body;
                    try (InputStream in = r.body()) {
                        body = in.readAllBytes();
                    } catch (IOException | RuntimeException e) {
                        if (closed) {
                            throw cutOff(url, e);
                        }
                        throw e;
                    }
                    return new Response(r.status(), URI.create(r.connection.getURL().toString()),
                            r.connection.getHeaderFields(), body, attempt);
                }
            } catch (SocketTimeoutException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new SocketTimeoutException("timed out after " + attempt + " attempt(s): " + e.getMessage());
                }
            }
            try {
                sleeper.sleep(retry.delayAfter(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry " + url);
            }
        }
    }

    /**
     * Sends one request (no retries) and returns the response once its headers have arrived, after
     * following redirects.
     */
    public Streamed open(String method, URI url, Map<String, String> headers) throws IOException {
        URI current = url;
        for (int hop = 0; ; hop++) {
            if (Thread.currentThread().isInterrupted() || closed) {
                throw new InterruptedIOException((closed ? "closed" : "interrupted") + " before reading " + current);
            }
            URLConnection raw = current.toURL().openConnection();
            if (!(raw instanceof HttpURLConnection c)) {
                throw new IOException(current + " is not an http or https URL");
            }
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setConnectTimeout(millis(connectTimeout));
            c.setReadTimeout(millis(requestTimeout));
            c.setRequestMethod(method);
            headers.forEach(c::setRequestProperty);
            open.add(c);
            int status;
            try {
                status = c.getResponseCode();
            } catch (IOException | RuntimeException e) {
                open.remove(c);
                if (closed) {
                    throw cutOff(current, e);
                }
                throw e;
            }
            if (status < 0) {
                open.remove(c);
                c.disconnect();
                throw new IOException(current + " did not answer with HTTP");
            }
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            String location = c.getHeaderField("Location");
            if (!redirect || location == null) {
                return new Streamed(c, status, open);
            }
            new Streamed(c, status, open).close();
            URI next = resolve(current, location);
            if ("https".equals(current.getScheme()) && !"https".equals(next.getScheme())) {
                throw new IOException(current + " redirects to " + next + ", from https to " + next.getScheme()
                        + ": refused");
            }
            if (hop >= MAX_REDIRECTS) {
                throw new IOException(url + " redirects more than " + MAX_REDIRECTS + " times");
            }
            current = next;
        }
    }

    /**
     * Cuts off every request still being read (they fail with an {@code IOException}) and refuses
     * new ones: the background prefetches of a lock that has its answer stop downloading.
     */
    @Override
    public void close() {
        closed = true;
        for (HttpURLConnection c : open) {
            c.disconnect();
        }
        open.clear();
    }

    /**
     * A request {@link #close} cut off: {@code HttpURLConnection} reports a disconnect from another
     * thread as an {@code IOException} or, depending on the moment, a {@code NullPointerException}.
     */
    private static IOException cutOff(URI url, Exception e) {
        InterruptedIOException cut = new InterruptedIOException("closed while reading " + url);
        cut.initCause(e);
        return cut;
    }

    private static URI resolve(URI base, String location) throws IOException {
        try {
            return base.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException(base + " redirects to a malformed location: " + location, e);
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** "HTTP 503" plus, when retried, how many attempts were made. */
    static String describe(Response response) {
        return "HTTP " + response.status() + (response.attempts() > 1 ? " after " + response.attempts() + " attempts" : "");
    }
}
