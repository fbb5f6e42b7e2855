package io.smolsnake.core.store;

/** How an environment puts its store entries on {@code sys.path}. */
public enum EnvLayout {
    /**
     * One {@code site-packages/} of real directories whose files are hard links into the store
     * entries (copies where the file system cannot link): one {@code sys.path} entry, {@code .pth}
     * files at its top, namespace packages merged, relative paths between packages resolving as in
     * a normal {@code site-packages}; data files and headers inside it where {@code pip install
     * --target} puts them, scripts merged into {@code bin/} beside it.
     */
    LINK_FOREST,
    /**
     * No files at all: {@code paths.txt} lists each entry's directory, one {@code sys.path} entry
     * per package (the classic layout, kept for comparison). Relative paths between packages and
     * {@code bin/} do not work across entries.
     */
    SYS_PATH
}
