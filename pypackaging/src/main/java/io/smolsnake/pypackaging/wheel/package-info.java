/**
 * The wheel installer: the binary distribution format (PEP 427, packaging.python.org "Binary
 * distribution format") and RECORD, installing one wheel into one directory.
 *
 * <pre>{@code
 * try (WheelSource source = WheelSource.open(wheelPath, ExpectedDigest.of(size, sha256))) {
 *     InstallResult result = WheelInstaller.install(source, Destination.create(entryDir),
 *             InstallOptions.of("/var/lang/bin/python3.12").compilingWith(localPython312));
 * }
 * }</pre>
 *
 * <h2>Layout of the destination</h2>
 * The destination is a store entry: exactly what {@code site-packages} would receive, plus the
 * wheel's non-library files kept beside it under fixed names.
 * <table>
 * <caption>Where each part of a wheel goes</caption>
 * <tr><th>in the wheel</th><th>in the destination</th></tr>
 * <tr><td>the archive root (Root-Is-Purelib true or false)</td><td>the top</td></tr>
 * <tr><td>{@code <name>-<ver>.data/purelib/…}, {@code …/platlib/…}</td><td>the top, merged</td></tr>
 * <tr><td>{@code <name>-<ver>.data/scripts/…}</td><td>{@code bin/…}, executable, a {@code #!python}
 *     or {@code #!pythonw} first line replaced by the target interpreter</td></tr>
 * <tr><td>{@code <name>-<ver>.data/headers/…}</td><td>{@code include/<name>/…} (name as pip
 *     spells it: the wheel file name's distribution, {@code _} read as {@code -})</td></tr>
 * <tr><td>{@code <name>-<ver>.data/data/…}</td><td>{@code data/…}</td></tr>
 * <tr><td>{@code console_scripts} and {@code gui_scripts} in {@code entry_points.txt}</td>
 *     <td>{@code bin/<script name>}, executable: the launcher pip writes (distlib's template) for
 *     the target interpreter; it replaces a {@code .data/scripts} file of the same name</td></tr>
 * <tr><td>{@code <name>-<ver>.dist-info/}</td><td>the same, with {@code INSTALLER}
 *     ({@code smolsnake}) and a fresh {@code RECORD} whose paths are relative to the destination
 *     and which lists the compiled {@code .pyc} files; the wheel's RECORD signatures are not
 *     kept</td></tr>
 * </table>
 * File modes: a member whose Unix mode (the zip's external attributes) has an executable bit is
 * created {@code rwxrwxrwx} less the umask; other files get the default mode, as pip does.
 * Bytecode, when asked for, is compiled for every {@code .py} file written (scripts and data files
 * included), as pip compiles every {@code .py} file it installs: by
 * {@code python -I -S -m compileall -q --invalidation-mode unchecked-hash} in the destination, or
 * identically by the long-lived processes of a {@link io.smolsnake.pypackaging.wheel.BytecodeCompilers}
 * the options name, which spare a Python start-up per wheel.
 *
 * <h2>Reading the archive</h2>
 * Members are read by {@link io.smolsnake.pypackaging.wheel.MemberReader} with positional reads (no
 * lock between the threads writing one wheel) and inflated by libdeflate through a small JNI library
 * ({@code src/main/native}, in the jar where the build had gcc and the development files of
 * libdeflate and OpenSSL), else by the JDK's {@link java.util.zip.Inflater}; the same library hashes
 * with OpenSSL's SHA-256 ({@code NativeSha256}), else the JDK's. {@code SMOLSNAKE_NO_NATIVE=1} turns
 * it off. Every member must inflate to the size its central directory record gives.
 *
 * <h2>Failures</h2>
 * Every failure is a {@link io.smolsnake.pypackaging.wheel.WheelInstallException} with a stable
 * {@link io.smolsnake.pypackaging.wheel.WheelInstallException.Kind}. Problems found before
 * writing (hash, paths, WHEEL, METADATA, RECORD coverage) leave the destination untouched;
 * failures while writing (a RECORD hash mismatch, a full disk) leave it empty.
 */
package io.smolsnake.pypackaging.wheel;
