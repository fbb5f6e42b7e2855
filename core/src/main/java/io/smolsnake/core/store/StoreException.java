package io.smolsnake.core.store;

import io.smolsnake.pypackaging.wheel.WheelInstallException;
import java.util.List;

/**
 * Why a wheel did not reach the store or an environment was not assembled: the root of every
 * failure in this package. It names the subject (the wheel's file name, or the environment's lock
 * digest), carries a stable {@link Kind} and, where a check collects several problems (conflicting
 * files, missing entries), all of them. Nothing that looks complete is left behind by a failure.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, stable across releases. */
    public enum Kind {
        /** The wheel file's size or sha256 differs from the request (the lock). */
        HASH_MISMATCH,
        /** The archive breaks the binary distribution format. */
        INVALID_WHEEL,
        /** A file in the wheel differs from its RECORD line. */
        RECORD_MISMATCH,
        /** A wheel the installer does not understand. */
        UNSUPPORTED,
        /** The wheel's METADATA names another distribution or version than the request. */
        METADATA_MISMATCH,
        /** The store's or the environments' file system is full. */
        NO_SPACE,
        /** An environment needs store entries that are not complete. */
        MISSING_ENTRY,
        /** Two wheels install different content at the same path of an environment. */
        CONFLICT,
        /** Reading or writing the file system failed for another reason. */
        IO_ERROR
    }

    private final Kind kind;
    private final String subject;
    private final List<String> problems;

    StoreException(Kind kind, String subject, String message, List<String> problems, Throwable cause) {
        super(render(subject, message, problems), cause);
        this.kind = kind;
        this.subject = subject;
        this.problems = List.copyOf(problems);
    }

    StoreException(Kind kind, String subject, String message, Throwable cause) {
        this(kind, subject, message, List.of(), cause);
    }

    /** The installer's failure, under the same kind. */
    static StoreException of(WheelInstallException e) {
        Kind kind = switch (e.kind()) {
            case HASH_MISMATCH -> Kind.HASH_MISMATCH;
            case INVALID_WHEEL -> Kind.INVALID_WHEEL;
            case RECORD_MISMATCH -> Kind.RECORD_MISMATCH;
            case UNSUPPORTED -> Kind.UNSUPPORTED;
            case NO_SPACE -> Kind.NO_SPACE;
            case IO_ERROR -> Kind.IO_ERROR;
        };
        return new StoreException(kind, e.wheel(), firstLine(e.getMessage(), e.wheel()), e.problems(), e);
    }

    /** The stable category of the failure. */
    public Kind kind() {
        return kind;
    }

    /** The wheel's file name, or the environment's lock digest. */
    public String subject() {
        return subject;
    }

    /** Each problem found, where the check collects them (empty otherwise). */
    public List<String> problems() {
        return problems;
    }

    private static String firstLine(String message, String subject) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        String prefix = subject + ": ";
        return line.startsWith(prefix) ? line.substring(prefix.length()) : line;
    }

    private static String render(String subject, String message, List<String> problems) {
        StringBuilder out = new StringBuilder(subject).append(": ").append(message);
        for (String problem : problems) {
            out.append("\n  ").append(problem);
        }
        return out.toString();
    }
}
