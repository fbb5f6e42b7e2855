package io.smolsnake.pypackaging.index;

import java.util.List;
import java.util.Locale;

/** What a distribution file is, told by its extension only (the filename is parsed later). */
public enum FileKind {
    WHEEL,
    SDIST,
    /** Anything else an index may list: eggs, installers, signatures. */
    OTHER;

    private static final List<String> SDIST_EXTENSIONS =
            List.of(".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tbz", ".tar", ".tar.lz", ".tar.lzma", ".txz", ".tlz");

    /** The kind of {@code filename}, by its extension, ignoring case. */
    public static FileKind of(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".whl")) {
            return WHEEL;
        }
        for (String ext : SDIST_EXTENSIONS) {
            if (lower.endsWith(ext)) {
                return SDIST;
            }
        }
        return OTHER;
    }

    /** The filename without its wheel or sdist extension, or the filename itself for OTHER. */
    static String stem(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".whl")) {
            return filename.substring(0, filename.length() - 4);
        }
        for (String ext : SDIST_EXTENSIONS) {
            if (lower.endsWith(ext)) {
                return filename.substring(0, filename.length() - ext.length());
            }
        }
        return filename;
    }
}
