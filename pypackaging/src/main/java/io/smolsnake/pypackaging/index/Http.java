package io.smolsnake.pypackaging.index;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** GET requests with retries on 5xx, 429 and timeouts. */
final class Http {
    private final HttpClient client;
    private final RetryPolicy retry;
    private final RetryPolicy.Sleeper sleeper;
    private final Duration requestTimeout;

    Http(HttpClient client, RetryPolicy retry, RetryPolicy.Sleeper sleeper, Duration requestTimeout) {
        this.client = client;
        this.retry = retry;
        this.sleeper = sleeper;
        this.requestTimeout = requestTimeout;
    }

    /** A response with its whole body; {@code uri} is the final URI after redirects. */
    record Response(int status, URI uri, Map<String, java.util.List<String>> headers, byte[] body, int attempts) {
        Optional<String> header(String name) {
            for (Map.Entry<String, java.util.List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return Optional.of(e.getValue().get(0));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * GETs {@code url} with {@code headers}, trying again on 5xx, 429 and timeouts as the retry
     * policy allows; returns the last response (which may still be 5xx).
     *
     * @throws IOException when the last try failed without a response
     */
    Response get(URI url, Map<String, String> headers) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(requestTimeout).GET();
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                boolean retryable = response.statusCode() >= 500 || response.statusCode() == 429;
                if (!retryable || attempt >= retry.maxAttempts()) {
                    return new Response(response.statusCode(), response.uri(), response.headers().map(),
                            response.body(), attempt);
                }
            } catch (HttpTimeoutException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new HttpTimeoutException("timed out after " + attempt + " attempt(s): " + e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + url);
            }
            try {
                sleeper.sleep(retry.delayAfter(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry " + url);
            }
        }
    }

    /** "HTTP 503" plus, when retried, how many attempts were made. */
    static String describe(Response response) {
        return "HTTP " + response.status() + (response.attempts() > 1 ? " after " + response.attempts() + " attempts" : "");
    }
}
