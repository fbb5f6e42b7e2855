package io.smolsnake.install;

import io.smolsnake.core.store.StoreException;

/**
 * The stable error names the worker answers {@code SendTaskFailure} with, so the state machine's
 * {@code Retry}/{@code Catch} can tell transient failures ({@link #DOWNLOAD}, {@link #NO_SPACE},
 * {@link #IO_ERROR}) from permanent ones.
 */
public enum InstallError {
    /** The downloaded wheel's size or sha256 differs from the lock. */
    HASH_MISMATCH("Install.HashMismatch"),
    /** The wheel breaks the binary distribution format, its RECORD, or names another package. */
    INVALID_WHEEL("Install.InvalidWheel"),
    /** The wheel could not be downloaded (after retries, or at once when it does not exist). */
    DOWNLOAD("Install.Download"),
    /** The store's file system is full. */
    NO_SPACE("Install.NoSpace"),
    /** A wheel format, URL scheme or target the worker does not support. */
    UNSUPPORTED("Install.Unsupported"),
    /** An environment needs packages that are not in the store. */
    MISSING_ENTRY("Install.MissingEntry"),
    /** Two packages of a lock install different files at one path. */
    CONFLICT("Install.Conflict"),
    /** The message is not a valid install or link message. */
    INVALID_MESSAGE("Install.InvalidMessage"),
    /** The store's file system failed for another reason. */
    IO_ERROR("Install.IoError");

    private final String errorName;

    InstallError(String errorName) {
        this.errorName = errorName;
    }

    /** The name Step Functions sees: {@code Install.HashMismatch}. */
    public String errorName() {
        return errorName;
    }

    /** The error name for a store failure. */
    static InstallError of(StoreException.Kind kind) {
        return switch (kind) {
            case HASH_MISMATCH -> HASH_MISMATCH;
            case INVALID_WHEEL, RECORD_MISMATCH, METADATA_MISMATCH -> INVALID_WHEEL;
            case UNSUPPORTED -> UNSUPPORTED;
            case NO_SPACE -> NO_SPACE;
            case MISSING_ENTRY -> MISSING_ENTRY;
            case CONFLICT -> CONFLICT;
            case IO_ERROR -> IO_ERROR;
        };
    }

    @Override
    public String toString() {
        return errorName;
    }
}
