package io.smolsnake.pypackaging.resolver;

/** A requirement the resolver cannot work with (a direct URL that is not a wheel, …). */
public final class ResolveInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResolveInputException(String message) {
        super(message);
    }
}
