package io.smolsnake.install;

import io.smolsnake.core.stage.InstallMessage;
import io.smolsnake.pypackaging.tags.Target;

/**
 * One locked wheel to put into the store, for a resolved target: what an {@link InstallMessage}
 * asks for, and what {@code smolsnake install} asks for each package of a lock.
 *
 * @param target the runtime and architecture to install for
 * @param name the distribution's name in the lock
 * @param version its version in the lock
 * @param url where to download the wheel ({@code https}, {@code http}, {@code file} or {@code s3})
 * @param filename the wheel's file name
 * @param size its size in bytes, or null when unknown
 * @param sha256 its sha256, 64 hex digits
 * @param compile whether to compile bytecode
 */
public record InstallRequest(Target target, String name, String version, String url, String filename, Long size,
        String sha256, boolean compile) {
    public InstallRequest {
        if (target == null || name == null || version == null || url == null || filename == null || sha256 == null) {
            throw new IllegalArgumentException("an install request needs a target, name, version, url, filename"
                    + " and sha256");
        }
    }

    /** The request a message makes, for its already resolved {@code target}. */
    public static InstallRequest of(InstallMessage message, Target target) {
        return new InstallRequest(target, message.name(), message.version(), message.url(), message.filename(),
                message.size(), message.sha256(), message.compile());
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + filename + ")";
    }
}
