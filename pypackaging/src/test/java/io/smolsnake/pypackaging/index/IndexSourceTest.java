package io.smolsnake.pypackaging.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndexSourceTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://pypi.org/simple       | https://pypi.org/simple/",
        "https://pypi.org/simple/      | https://pypi.org/simple/",
        "file:///opt/pypi/simple       | file:///opt/pypi/simple/",
        "'  http://127.0.0.1:8080/s  ' | http://127.0.0.1:8080/s/",
    })
    void givesEveryIndexUrlATrailingSlash(String given, String url) {
        assertEquals(URI.create(url), IndexSource.index(given).url());
    }

    @Test
    void turnsALocalPathIntoAFileUrl() {
        assertEquals(Path.of("/opt/wheels").toUri(), IndexSource.findLinks("/opt/wheels").url());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                          | an index location is required, got an empty string",
        "ftp://example.org/simple    | unsupported index URL 'ftp://example.org/simple': use http://, https:// or file://",
        "http://exa mple.org/simple  | not a valid index URL: 'http://exa mple.org/simple' (Illegal character in authority)",
    })
    void rejectsLocationsItCannotRead(String given, String message) {
        IndexException e = assertThrows(IndexException.class, () -> IndexSource.index(given));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "1, 100",
        "2, 200",
        "3, 400",
        "4, 500",
        "9, 500",
    })
    void backsOffExponentiallyUpToTheCap(int attempt, long millis) {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), 2.0, Duration.ofMillis(500));
        assertEquals(Duration.ofMillis(millis), policy.delayAfter(attempt));
    }

    @Test
    void rejectsAPolicyWithoutAnyAttempt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ZERO, 1.0, Duration.ZERO));
        assertEquals("maxAttempts must be at least 1, got 0", e.getMessage());
    }
}
