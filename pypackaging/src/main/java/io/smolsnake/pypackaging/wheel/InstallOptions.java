package io.smolsnake.pypackaging.wheel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to install a wheel.
 *
 * @param scriptInterpreter the interpreter written into {@code #!python} / {@code #!pythonw}
 *     scripts, as the target will run it (e.g. {@code /var/lang/bin/python3.12})
 * @param bytecodePython a local interpreter of the target's Python version that compiles the
 *     installed {@code .py} files; empty (or not executable) means no bytecode is written
 */
public record InstallOptions(String scriptInterpreter, Optional<Path> bytecodePython) {
    public InstallOptions {
        if (scriptInterpreter == null || scriptInterpreter.isBlank() || scriptInterpreter.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a script interpreter path is required, got '" + scriptInterpreter + "'");
        }
        bytecodePython = bytecodePython == null ? Optional.empty() : bytecodePython;
    }

    /** Scripts point at {@code scriptInterpreter}; no bytecode is compiled. */
    public static InstallOptions of(String scriptInterpreter) {
        return new InstallOptions(scriptInterpreter, Optional.empty());
    }

    /** The same options, compiling bytecode with {@code python}. */
    public InstallOptions compilingWith(Path python) {
        return new InstallOptions(scriptInterpreter, Optional.ofNullable(python));
    }
}
