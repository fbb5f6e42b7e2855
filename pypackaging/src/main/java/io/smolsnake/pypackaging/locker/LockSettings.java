package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.index.MergeStrategy;
import java.nio.file.Path;
import java.util.List;

/**
 * Index and resolver settings given on the command line; each one, when set, wins over the
 * project's requirements files and pip's configuration, in that order.
 *
 * @param indexUrl replaces every other base index ({@code --index-url}), or null
 * @param extraIndexUrls added to the project's and pip's ({@code --extra-index-url})
 * @param findLinks added to the project's and pip's ({@code --find-links})
 * @param noIndex ignore every simple index; only find-links ({@code --no-index})
 * @param pre allow pre-releases of every package ({@code --pre})
 * @param strategy how several indexes are merged
 * @param cacheDir the HTTP and metadata cache, or null for the default (XDG cache)
 * @param usePipConfig whether pip's configuration files and {@code PIP_*} variables are read
 */
public record LockSettings(String indexUrl, List<String> extraIndexUrls, List<String> findLinks, boolean noIndex,
        boolean pre, MergeStrategy strategy, Path cacheDir, boolean usePipConfig) {

    public static final LockSettings DEFAULTS = new LockSettings(null, List.of(), List.of(), false, false,
            MergeStrategy.ALL_SOURCES, null, true);

    public LockSettings {
        extraIndexUrls = extraIndexUrls == null ? List.of() : List.copyOf(extraIndexUrls);
        findLinks = findLinks == null ? List.of() : List.copyOf(findLinks);
        strategy = strategy == null ? MergeStrategy.ALL_SOURCES : strategy;
    }
}
