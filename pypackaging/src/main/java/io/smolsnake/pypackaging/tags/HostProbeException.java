package io.smolsnake.pypackaging.tags;

/** The host's {@code python3} could not be run or did not answer with its facts. */
public class HostProbeException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public HostProbeException(String message, Throwable cause) {
        super(message, cause);
    }

    public HostProbeException(String message) {
        super(message);
    }
}
