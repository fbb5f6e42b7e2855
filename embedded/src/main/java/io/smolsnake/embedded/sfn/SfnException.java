package io.smolsnake.embedded.sfn;

/** Root of every exception this package throws on purpose. */
public class SfnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SfnException(String message) {
        super(message);
    }

    public SfnException(String message, Throwable cause) {
        super(message, cause);
    }
}
