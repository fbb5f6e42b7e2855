package io.smolsnake.pypackaging.wheel;

import java.util.List;

/**
 * Why a wheel was not installed: the root of every failure in this package. It names the wheel,
 * carries a stable {@link Kind} (a pipeline stage turns it into an error name such as
 * {@code Install.HashMismatch}) and, where a check collects several problems (RECORD), all of
 * them.
 */
public class WheelInstallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, stable across releases. */
    public enum Kind {
        /** The wheel file's size or sha256 differs from what the caller (the lock) expected. */
        HASH_MISMATCH,
        /** The archive breaks the binary distribution format (paths, WHEEL, RECORD, METADATA). */
        INVALID_WHEEL,
        /** A file's content differs from its RECORD line, or a file is not listed in RECORD. */
        RECORD_MISMATCH,
        /** A wheel this installer does not understand (Wheel-Version major above 1). */
        UNSUPPORTED,
        /** The destination's file system is full. */
        NO_SPACE,
        /** Reading the wheel or writing the destination failed for another reason. */
        IO_ERROR
    }

    private final Kind kind;
    private final String wheel;
    private final List<String> problems;

    WheelInstallException(Kind kind, String wheel, String message, List<String> problems, Throwable cause) {
        super(render(wheel, message, problems), cause);
        this.kind = kind;
        this.wheel = wheel;
        this.problems = List.copyOf(problems);
    }

    WheelInstallException(Kind kind, String wheel, String message) {
        this(kind, wheel, message, List.of(), null);
    }

    /** The stable category of the failure. */
    public Kind kind() {
        return kind;
    }

    /** The wheel's file name (or its distribution name and version where known). */
    public String wheel() {
        return wheel;
    }

    /** Each problem found, where the check collects them (empty otherwise). */
    public List<String> problems() {
        return problems;
    }

    private static String render(String wheel, String message, List<String> problems) {
        StringBuilder out = new StringBuilder(wheel).append(": ").append(message);
        for (String problem : problems) {
            out.append("\n  ").append(problem);
        }
        return out.toString();
    }
}
