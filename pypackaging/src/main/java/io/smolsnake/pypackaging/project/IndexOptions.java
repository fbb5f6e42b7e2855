package io.smolsnake.pypackaging.project;

import java.util.List;

/**
 * The package-finding options a requirements file can set (pip's {@code --index-url},
 * {@code --extra-index-url}, {@code --find-links}, {@code --no-index}, {@code --pre},
 * {@code --trusted-host}, {@code --require-hashes}). {@code indexUrl} is null when not set, so
 * that pip's configuration or the command line decides.
 */
public record IndexOptions(String indexUrl, List<String> extraIndexUrls, List<String> findLinks, boolean noIndex,
        boolean pre, List<String> trustedHosts, boolean requireHashes) {

    /** Nothing set. */
    public static final IndexOptions NONE = new IndexOptions(null, List.of(), List.of(), false, false, List.of(),
            false);

    public IndexOptions {
        extraIndexUrls = extraIndexUrls == null ? List.of() : List.copyOf(extraIndexUrls);
        findLinks = findLinks == null ? List.of() : List.copyOf(findLinks);
        trustedHosts = trustedHosts == null ? List.of() : List.copyOf(trustedHosts);
    }

    /**
     * The text a record would print, written out: it goes into {@link Project#inputsDigest()}, so it
     * must not change, and a record's generated one costs a short run milliseconds to link.
     */
    @Override
    public String toString() {
        return "IndexOptions[indexUrl=" + indexUrl + ", extraIndexUrls=" + extraIndexUrls + ", findLinks=" + findLinks
                + ", noIndex=" + noIndex + ", pre=" + pre + ", trustedHosts=" + trustedHosts + ", requireHashes="
                + requireHashes + "]";
    }
}
