package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.resolver.ResolveResult;
import io.smolsnake.pypackaging.tags.LambdaRuntime;
import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.LibcVersion;
import io.smolsnake.pypackaging.tags.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hints that know Lambda: a wheel built for a newer glibc than the runtime's Amazon Linux has, or
 * for other Python versions than the runtime's, says which runtimes it would fit.
 */
final class LambdaHints {
    private static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d+)_(\\d+)_(.+)");

    private LambdaHints() {}

    static List<String> of(LambdaTarget target, List<ResolveResult.Unusable> unusable) {
        List<String> hints = new ArrayList<>();
        Set<PackageName> done = new HashSet<>();
        Set<String> interpreters = new HashSet<>();
        for (Tag t : target.supportedTags().tags()) {
            interpreters.add(t.interpreter() + "-" + t.abi());
        }
        String machine = target.arch().machine();
        LibcVersion glibc = target.runtime().glibc();
        for (ResolveResult.Unusable u : unusable) {
            if (u.why() != ResolveResult.Unusable.Why.NO_COMPATIBLE_WHEEL || !done.add(u.name())) {
                continue;
            }
            LibcVersion needed = null;
            Set<String> pythons = new TreeSet<>();
            for (Tag t : u.wheelTags()) {
                pythons.add(t.interpreter());
                LibcVersion v = manylinuxGlibc(t.platform(), machine);
                if (v != null && interpreters.contains(t.interpreter() + "-" + t.abi())
                        && (needed == null || v.compareTo(needed) < 0)) {
                    needed = v;
                }
            }
            if (needed != null && needed.compareTo(glibc) > 0) {
                List<String> fits = new ArrayList<>();
                for (LambdaRuntime r : LambdaRuntime.values()) {
                    if (r.glibc().compareTo(needed) >= 0) {
                        fits.add(r.identifier());
                    }
                }
                String py = target.runtime().python().toString();
                hints.add(u.name() + " " + u.version() + " has only manylinux_" + needed.major() + "_"
                        + needed.minor() + "+ wheels for Python " + py + " on " + machine + ", which need glibc "
                        + needed.major() + "." + needed.minor() + "; " + target.runtime().identifier() + " on Lambda ("
                        + target.runtime().os() + ") has glibc " + glibc.major() + "." + glibc.minor() + "."
                        + (fits.isEmpty() ? "" : " " + range(fits) + " (Amazon Linux 2023) " + (fits.size() == 1
                        ? "has" : "have") + " glibc 2.34.")
                        + " Or pin an older " + u.name() + " that still ships a manylinux2014 wheel.");
            } else if (!pythons.isEmpty() && needed == null) {
                hints.add(u.name() + " " + u.version() + " has wheels for " + String.join(", ",
                        new LinkedHashSet<>(pythons)) + " only; " + target.runtime().identifier() + " needs one"
                        + " tagged for its Python (" + String.join(", ", new TreeSet<>(interpreters).stream()
                        .map(s -> s.substring(0, s.indexOf('-'))).distinct().limit(3).toList()) + ", …) and "
                        + machine + ".");
            }
        }
        return hints;
    }

    private static String range(List<String> runtimes) {
        return runtimes.size() == 1 ? runtimes.get(0) : runtimes.get(0) + " and later";
    }

    /** The glibc a manylinux platform tag needs, for this machine; null for other platforms. */
    static LibcVersion manylinuxGlibc(String platform, String machine) {
        Matcher m = MANYLINUX.matcher(platform);
        if (m.matches()) {
            return m.group(3).equals(machine) ? LibcVersion.of(Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2))) : null;
        }
        if (platform.equals("manylinux2014_" + machine)) {
            return LibcVersion.of(2, 17);
        }
        if (platform.equals("manylinux2010_" + machine)) {
            return LibcVersion.of(2, 12);
        }
        if (platform.equals("manylinux1_" + machine)) {
            return LibcVersion.of(2, 5);
        }
        return null;
    }
}
