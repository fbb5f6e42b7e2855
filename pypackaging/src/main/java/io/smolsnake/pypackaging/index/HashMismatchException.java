package io.smolsnake.pypackaging.index;

import java.net.URI;

/** Downloaded bytes whose digest differs from the one the index gave. */
public final class HashMismatchException extends IndexException {
    private static final long serialVersionUID = 1L;

    private final URI url;
    private final String algorithm;
    private final String expected;
    private final String actual;

    public HashMismatchException(URI url, String algorithm, String expected, String actual) {
        super("hash mismatch for " + url + ": expected " + algorithm + "=" + expected + ", got " + algorithm
                + "=" + actual);
        this.url = url;
        this.algorithm = algorithm;
        this.expected = expected;
        this.actual = actual;
    }

    public URI url() {
        return url;
    }

    public String algorithm() {
        return algorithm;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
