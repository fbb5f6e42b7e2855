package io.smolsnake.pypackaging.lock;

/** A local source tree ({@code [packages.directory]}); a relative path is relative to the lock file. */
public record LockedDirectory(String path, boolean editable, String subdirectory) {
}
