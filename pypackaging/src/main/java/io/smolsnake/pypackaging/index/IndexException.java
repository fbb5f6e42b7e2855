package io.smolsnake.pypackaging.index;

/** The root of every failure in the index client; the message names the URL or file involved. */
public class IndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
