package io.smolsnake.pypackaging.index;

import java.nio.file.Path;

/** A pip configuration file that pip itself would refuse to load; names the file and line. */
public final class PipConfigException extends IndexException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public PipConfigException(Path file, int line, String reason) {
        super("cannot load pip configuration " + file + (line > 0 ? " line " + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is the whole file. */
    public int line() {
        return line;
    }
}
