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
 * @param compilers the long-lived compilers that compile with {@code bytecodePython}; empty: one
 *     {@code python -m compileall} per wheel. The caller owns them and closes them.
 */
public record InstallOptions(String scriptInterpreter, Optional<Path> bytecodePython,
        Optional<BytecodeCompilers> compilers) {
    public InstallOptions {
        if (scriptInterpreter == null || scriptInterpreter.isBlank() || scriptInterpreter.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a script interpreter path is required, got '" + scriptInterpreter + "'");
        }
        bytecodePython = bytecodePython == null ? Optional.empty() : bytecodePython;
        compilers = compilers == null ? Optional.empty() : compilers;
    }

    public InstallOptions(String scriptInterpreter, Optional<Path> bytecodePython) {
        this(scriptInterpreter, bytecodePython, Optional.empty());
    }

    /** Scripts point at {@code scriptInterpreter}; no bytecode is compiled. */
    public static InstallOptions of(String scriptInterpreter) {
        return new InstallOptions(scriptInterpreter, Optional.empty());
    }

    /** The same options, compiling bytecode with {@code python}, one process per wheel. */
    public InstallOptions compilingWith(Path python) {
        return new InstallOptions(scriptInterpreter, Optional.ofNullable(python), Optional.empty());
    }

    /** The same options, compiling bytecode with {@code python} in the processes of {@code compilers}. */
    public InstallOptions compilingWith(Path python, BytecodeCompilers compilers) {
        return new InstallOptions(scriptInterpreter, Optional.ofNullable(python), Optional.ofNullable(compilers));
    }
}
