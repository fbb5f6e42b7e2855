package io.smolsnake.pypackaging.lock;

/** A source tree in version control ({@code [packages.vcs]}), pinned to {@code commitId}. */
public record LockedVcs(String type, String url, String path, String requestedRevision, String commitId,
        String subdirectory) {
}
