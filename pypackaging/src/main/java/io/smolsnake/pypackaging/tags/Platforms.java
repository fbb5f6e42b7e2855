package io.smolsnake.pypackaging.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Platform tag lists, most preferred first, for an explicitly given target (packaging's
 * {@code mac_platforms}, {@code _manylinux.platform_tags}, {@code _musllinux.platform_tags}).
 */
public final class Platforms {
    /** Architectures packaging accepts for manylinux without inspecting the interpreter's ELF header. */
    static final Set<String> MANYLINUX_ARCHS =
            Set.of("x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64");

    /** PEP 513, 571 and 599: the legacy names of manylinux_2_5, 2_12 and 2_17. */
    private static final Map<LibcVersion, String> LEGACY_MANYLINUX = Map.of(
            LibcVersion.of(2, 17), "manylinux2014",
            LibcVersion.of(2, 12), "manylinux2010",
            LibcVersion.of(2, 5), "manylinux1");

    /** packaging's guess for the last minor of a glibc major that is not the current one. */
    private static final int LAST_GLIBC_MINOR = 50;

    private Platforms() {}

    /**
     * The manylinux platforms a system with this glibc accepts, for each architecture in turn:
     * {@code manylinux_2_X_arch} from the system's glibc down to 2.17 (down to 2.5 on x86_64 and i686,
     * when any of {@code archs} is one of those), with {@code manylinux2014}, {@code manylinux2010}
     * and {@code manylinux1} right after {@code manylinux_2_17}, {@code _2_12} and {@code _2_5}.
     */
    public static List<String> manylinux(LibcVersion glibc, List<String> archs) {
        LibcVersion tooOld = archs.contains("x86_64") || archs.contains("i686")
                ? LibcVersion.of(2, 4) : LibcVersion.of(2, 16);
        List<LibcVersion> maxima = new ArrayList<>();
        maxima.add(glibc);
        for (int major = glibc.major() - 1; major > 1; major--) {
            maxima.add(LibcVersion.of(major, LAST_GLIBC_MINOR));
        }
        List<String> out = new ArrayList<>();
        for (String arch : archs) {
            for (LibcVersion max : maxima) {
                int minMinor = max.major() == tooOld.major() ? tooOld.minor() : -1;
                for (int minor = max.minor(); minor > minMinor; minor--) {
                    LibcVersion version = LibcVersion.of(max.major(), minor);
                    out.add("manylinux_" + version.major() + "_" + version.minor() + "_" + arch);
                    String legacy = LEGACY_MANYLINUX.get(version);
                    if (legacy != null) {
                        out.add(legacy + "_" + arch);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The musllinux platforms (PEP 656) a system with this musl accepts: {@code musllinux_1_X_arch} from its minor down to 0. */
    public static List<String> musllinux(LibcVersion musl, List<String> archs) {
        List<String> out = new ArrayList<>();
        for (String arch : archs) {
            for (int minor = musl.minor(); minor >= 0; minor--) {
                out.add("musllinux_" + musl.major() + "_" + minor + "_" + arch);
            }
        }
        return List.copyOf(out);
    }

    /**
     * packaging's {@code mac_platforms(version, arch)}: {@code macosx_<major>_<minor>_<format>} from this
     * macOS release down to 10.0 (before 11) or down to 11.0 and then 10.16 ... 10.4 (from 11 on, where
     * arm64 only gets {@code universal2} before 11).
     */
    public static List<String> macPlatforms(int major, int minor, String arch) {
        List<String> out = new ArrayList<>();
        if (major == 10) {
            for (int m = minor; m >= 0; m--) {
                addMac(out, 10, m, arch);
            }
        }
        if (major >= 11) {
            for (int m = major; m > 10; m--) {
                addMac(out, m, 0, arch);
            }
            for (int m = 16; m > 3; m--) {
                if (arch.equals("x86_64")) {
                    addMac(out, 10, m, arch);
                } else {
                    out.add("macosx_10_" + m + "_universal2");
                }
            }
        }
        return List.copyOf(out);
    }

    private static void addMac(List<String> out, int major, int minor, String arch) {
        for (String format : macBinaryFormats(major, minor, arch)) {
            out.add("macosx_" + major + "_" + minor + "_" + format);
        }
    }

    /**
     * The binary formats a macOS release runs for a CPU architecture, most specific first:
     * {@code x86_64} on 10.15 runs {@code x86_64, intel, fat64, fat3, universal2, universal}.
     * Empty when that architecture did not exist on that release.
     */
    public static List<String> macBinaryFormats(int major, int minor, String arch) {
        List<String> formats = new ArrayList<>();
        formats.add(arch);
        boolean before104 = major < 10 || (major == 10 && minor < 4);
        switch (arch) {
            case "x86_64" -> {
                if (before104) {
                    return List.of();
                }
                formats.addAll(List.of("intel", "fat64", "fat3"));
            }
            case "i386" -> {
                if (before104) {
                    return List.of();
                }
                formats.addAll(List.of("intel", "fat3", "fat"));
            }
            case "ppc64" -> {
                boolean after105 = major > 10 || (major == 10 && minor > 5);
                if (after105 || before104) {
                    return List.of();
                }
                formats.add("fat64");
            }
            case "ppc" -> {
                boolean after106 = major > 10 || (major == 10 && minor > 6);
                if (after106) {
                    return List.of();
                }
                formats.addAll(List.of("fat3", "fat"));
            }
            default -> { }
        }
        if (arch.equals("arm64") || arch.equals("x86_64")) {
            formats.add("universal2");
        }
        if (Set.of("x86_64", "i386", "ppc64", "ppc", "intel").contains(arch)) {
            formats.add("universal");
        }
        return List.copyOf(formats);
    }

    /** The architecture a macOS interpreter builds for: a 32-bit interpreter on ppc64/x86_64 is ppc/i386. */
    public static String macArch(String machine, boolean is32bit) {
        if (!is32bit) {
            return machine;
        }
        return machine.startsWith("ppc") ? "ppc" : "i386";
    }

    /** {@code sysconfig.get_platform()} as a tag: {@code linux-x86_64} becomes {@code linux_x86_64}. */
    public static String normalize(String platform) {
        return platform.replace('.', '_').replace('-', '_').replace(' ', '_');
    }
}
