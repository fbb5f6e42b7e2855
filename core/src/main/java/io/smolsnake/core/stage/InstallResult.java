package io.smolsnake.core.stage;

import io.smolsnake.core.store.StoreResult;

/**
 * What the install worker answers for an {@link InstallMessage} ({@code SendTaskSuccess}'s output,
 * as JSON).
 *
 * @param name the distribution's normalised name
 * @param version its normalised version
 * @param path the store entry's directory
 * @param files how many files the entry holds
 * @param bytes their total size
 * @param compiled whether the entry holds bytecode
 * @param cached whether the entry was already complete, so nothing was downloaded or written
 * @param seconds how long the work took, download included
 */
public record InstallResult(String name, String version, String path, long files, long bytes, boolean compiled,
        boolean cached, double seconds) {

    /** The result for a store entry, with the whole request's {@code seconds}. */
    public static InstallResult of(StoreResult result, double seconds) {
        return new InstallResult(result.name().normalized(), result.version().toString(), result.path().toString(),
                result.files(), result.bytes(), result.compiled(), result.cached(), seconds);
    }
}
