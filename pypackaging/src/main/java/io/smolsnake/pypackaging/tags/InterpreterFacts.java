package io.smolsnake.pypackaging.tags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What tag generation needs to know about an interpreter and its machine, as {@code packaging.tags}
 * reads it from {@code sys}, {@code sysconfig} and {@code platform}.
 *
 * @param implementationName {@code sys.implementation.name}: {@code cpython}, {@code pypy} ...
 * @param python {@code sys.version_info[:2]}
 * @param pyVersionNodot {@code sysconfig.get_config_var("py_version_nodot")}, or null when unset
 * @param system {@code platform.system()}: {@code Linux}, {@code Darwin}, {@code Windows} ...
 * @param sysconfigPlatform {@code sysconfig.get_platform()}: {@code linux-x86_64}, {@code macosx-11.0-arm64} ...
 * @param is32bit whether pointers are 4 bytes
 * @param extSuffix {@code sysconfig.get_config_var("EXT_SUFFIX")}, or null when unset
 * @param debug a debug build as packaging decides it ({@code Py_DEBUG}, else {@code sys.gettotalrefcount})
 * @param freeThreaded {@code Py_GIL_DISABLED}
 * @param pymalloc {@code WITH_PYMALLOC} (true when unset), only used before 3.8
 * @param ucs4 a wide-unicode build, only used before 3.3
 * @param glibc the C library's glibc version ({@code os.confstr("CS_GNU_LIBC_VERSION")}), if glibc
 * @param musl the musl version, if the interpreter runs on musl
 * @param elfI686 the interpreter binary is a 32-bit little-endian x86 ELF (manylinux on i686)
 * @param elfArmhf the interpreter binary is a hard-float 32-bit ARM ELF (manylinux on armv7l)
 * @param macRelease {@code platform.mac_ver()[0]} ({@code 14.2}), empty unless Darwin
 * @param macMachine {@code platform.mac_ver()[2]}, if Darwin
 * @param markerEnvironment the interpreter's PEP 508 marker environment
 */
public record InterpreterFacts(
        String implementationName,
        PythonVersion python,
        String pyVersionNodot,
        String system,
        String sysconfigPlatform,
        boolean is32bit,
        String extSuffix,
        boolean debug,
        boolean freeThreaded,
        boolean pymalloc,
        boolean ucs4,
        Optional<LibcVersion> glibc,
        Optional<LibcVersion> musl,
        boolean elfI686,
        boolean elfArmhf,
        String macRelease,
        String macMachine,
        Map<String, String> markerEnvironment) {

    public InterpreterFacts {
        if (implementationName == null || python == null || system == null || sysconfigPlatform == null
                || glibc == null || musl == null || markerEnvironment == null) {
            throw new IllegalArgumentException("interpreter facts are incomplete");
        }
        macRelease = macRelease == null ? "" : macRelease;
        macMachine = macMachine == null ? "" : macMachine;
        markerEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(markerEnvironment));
    }

    // written out: a record's own equals is linked through invokedynamic on its first call, which costs
    // a short `smolsnake lock` tens of milliseconds when it checks the host's answer against its guess
    @Override
    public boolean equals(Object o) {
        return o instanceof InterpreterFacts f && implementationName.equals(f.implementationName)
                && python.equals(f.python) && Objects.equals(pyVersionNodot, f.pyVersionNodot)
                && system.equals(f.system) && sysconfigPlatform.equals(f.sysconfigPlatform) && is32bit == f.is32bit
                && Objects.equals(extSuffix, f.extSuffix) && debug == f.debug && freeThreaded == f.freeThreaded
                && pymalloc == f.pymalloc && ucs4 == f.ucs4 && glibc.equals(f.glibc) && musl.equals(f.musl)
                && elfI686 == f.elfI686 && elfArmhf == f.elfArmhf && macRelease.equals(f.macRelease)
                && macMachine.equals(f.macMachine) && markerEnvironment.equals(f.markerEnvironment);
    }

    @Override
    public int hashCode() {
        int h = implementationName.hashCode();
        h = 31 * h + python.hashCode();
        h = 31 * h + Objects.hashCode(pyVersionNodot);
        h = 31 * h + system.hashCode();
        h = 31 * h + sysconfigPlatform.hashCode();
        h = 31 * h + Objects.hashCode(extSuffix);
        h = 31 * h + (is32bit ? 1 : 0) + (debug ? 2 : 0) + (freeThreaded ? 4 : 0) + (pymalloc ? 8 : 0)
                + (ucs4 ? 16 : 0) + (elfI686 ? 32 : 0) + (elfArmhf ? 64 : 0);
        h = 31 * h + glibc.hashCode();
        h = 31 * h + musl.hashCode();
        h = 31 * h + macRelease.hashCode();
        h = 31 * h + macMachine.hashCode();
        return 31 * h + markerEnvironment.hashCode();
    }
}
