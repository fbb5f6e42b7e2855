package io.smolsnake.pypackaging.index;

/** How files for one project are combined across several simple indexes. */
public enum MergeStrategy {
    /** pip's behaviour: every source's files are candidates. */
    ALL_SOURCES,
    /**
     * The first simple index (in order) that knows the project supplies its files, and later
     * indexes are not asked (uv's {@code first-index}, a guard against dependency confusion).
     * Find-links locations always contribute.
     */
    FIRST_INDEX
}
