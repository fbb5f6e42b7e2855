package io.smolsnake.pypackaging.tags;

import io.smolsnake.pypackaging.CacheFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's own interpreter: the tags {@code packaging.tags.sys_tags()} yields there (so it accepts
 * what pip on that machine accepts, {@code linux_x86_64} included), generated here from the facts one
 * run of the interpreter reported.
 *
 * <p>Not covered (the host CLI never runs there): iOS and Android platform lists, which need the
 * build's multiarch and API level, and Emscripten's {@code pyemscripten_*} platform; those systems get
 * the generic {@code sysconfig.get_platform()} tag. A {@code _manylinux} override module on the host is
 * not consulted.
 */
public record HostTarget(InterpreterFacts facts, Optional<Path> executable) implements Target {
    /**
     * @param executable the interpreter's own executable ({@code sys.executable}: behind a pyenv shim,
     *     the real one), when known; it compiles bytecode for this target. Not part of equality: two
     *     interpreters with the same facts accept the same wheels.
     */
    public HostTarget {
        if (facts == null) {
            throw new IllegalArgumentException("a host target needs the interpreter's facts");
        }
        executable = executable == null ? Optional.empty() : executable;
    }

    /** A host target whose executable is not known. */
    public HostTarget(InterpreterFacts facts) {
        this(facts, Optional.empty());
    }

    /**
     * Runs {@code python} once (a small script on {@code -c}) and keeps what it reports.
     *
     * @throws HostProbeException when it cannot be run or does not answer
     */
    public static HostTarget probe(String python) {
        return HostProbe.target(HostProbe.answer(python));
    }

    /**
     * As {@link #probe(String)}, and remembers the answer under {@code cacheDir} for
     * {@link #lastAnswer}; a cache that cannot be written is skipped.
     */
    public static HostTarget probe(String python, Path cacheDir) {
        String answer = HostProbe.launcherAnswer(python, System.getenv()).orElseGet(() -> HostProbe.answer(python));
        HostTarget target = HostProbe.target(answer);
        CacheFiles.write(memory(cacheDir, python), answer.getBytes(StandardCharsets.UTF_8));
        HostProbe.offerLauncherScript(cacheDir);
        return target;
    }

    /**
     * What {@code python} answered the last time {@link #probe(String, Path)} asked it with this
     * {@code PATH}, working directory, {@code PYENV_VERSION}, {@code VIRTUAL_ENV} and {@code CONDA_PREFIX}: a guess to start with (a pyenv shim or a new virtualenv may now pick another
     * interpreter), to be confirmed by asking again. Empty when there is none or it cannot be read.
     */
    public static Optional<HostTarget> lastAnswer(String python, Path cacheDir) {
        try {
            String answer = Files.readString(memory(cacheDir, python), StandardCharsets.UTF_8);
            return Optional.of(HostProbe.target(answer));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Path memory(Path cacheDir, String python) {
        // what picks the interpreter behind a name: PATH, and for pyenv, virtualenvs and conda
        // the working directory (.python-version) and their variables
        Map<String, String> env = System.getenv();
        String key = python + "\0" + env.getOrDefault("PATH", "") + "\0" + Path.of("").toAbsolutePath() + "\0"
                + env.getOrDefault("PYENV_VERSION", "") + "\0" + env.getOrDefault("VIRTUAL_ENV", "") + "\0"
                + env.getOrDefault("CONDA_PREFIX", "");
        return cacheDir.resolve("host-python").resolve(CacheFiles.key(key) + ".json");
    }

    @Override
    public PythonVersion python() {
        return facts.python();
    }

    @Override
    public String description() {
        String libc = facts.glibc().map(v -> ", glibc " + v).orElse(facts.musl().map(v -> ", musl " + v).orElse(""));
        return "host (" + facts.implementationName() + " " + facts.python() + ", "
                + Platforms.normalize(facts.sysconfigPlatform()) + libc + ")";
    }

    @Override
    public Map<String, String> markerEnvironment() {
        return facts.markerEnvironment();
    }

    /** packaging's {@code platform_tags()} for the host. */
    public List<String> platforms() {
        return switch (facts.system()) {
            case "Darwin" -> macPlatforms();
            case "Linux" -> linuxPlatforms();
            default -> List.of(Platforms.normalize(facts.sysconfigPlatform()));
        };
    }

    @Override
    public SupportedTags supportedTags() {
        String name = shortName(facts.implementationName());
        String version = facts.pyVersionNodot() != null && !facts.pyVersionNodot().isEmpty()
                ? facts.pyVersionNodot() : facts.python().nodot();
        List<String> platforms = platforms();
        List<Tag> tags = new ArrayList<>();
        if (name.equals("cp")) {
            tags.addAll(Tags.cpythonTags(facts.python(), Tags.cpythonAbis(facts.python(), facts.debug(),
                    facts.freeThreaded(), facts.pymalloc(), facts.ucs4()), platforms));
        } else {
            tags.addAll(Tags.genericTags(name + version, genericAbi(), platforms));
        }
        String interpreter = switch (name) {
            case "pp" -> "pp3";
            case "cp" -> "cp" + version;
            default -> null;
        };
        tags.addAll(Tags.compatibleTags(facts.python(), interpreter, platforms));
        return SupportedTags.of(tags);
    }

    private List<String> macPlatforms() {
        String[] release = facts.macRelease().split("\\.");
        int major = parseOr(release[0], 10);
        int minor = release.length > 1 ? parseOr(release[1], 0) : 0;
        return Platforms.macPlatforms(major, minor, Platforms.macArch(facts.macMachine(), facts.is32bit()));
    }

    private List<String> linuxPlatforms() {
        String linux = Platforms.normalize(facts.sysconfigPlatform());
        if (!linux.startsWith("linux_")) {
            return List.of(linux);
        }
        if (facts.is32bit()) {
            if (linux.equals("linux_x86_64")) {
                linux = "linux_i686";
            } else if (linux.equals("linux_aarch64")) {
                linux = "linux_armv8l";
            }
        }
        String arch = linux.substring("linux_".length());
        List<String> archs = arch.equals("armv8l") ? List.of("armv8l", "armv7l") : List.of(arch);
        List<String> out = new ArrayList<>();
        if (facts.glibc().isPresent() && manylinuxAbi(archs)) {
            out.addAll(Platforms.manylinux(facts.glibc().get(), archs));
        }
        facts.musl().ifPresent(musl -> out.addAll(Platforms.musllinux(musl, archs)));
        for (String a : archs) {
            out.add("linux_" + a);
        }
        return out;
    }

    private boolean manylinuxAbi(List<String> archs) {
        if (archs.contains("armv7l")) {
            return facts.elfArmhf();
        }
        if (archs.contains("i686")) {
            return facts.elfI686();
        }
        return archs.stream().anyMatch(Platforms.MANYLINUX_ARCHS::contains);
    }

    /** packaging's {@code _generic_abi()}: the ABI part of {@code EXT_SUFFIX}. */
    private List<String> genericAbi() {
        String suffix = facts.extSuffix();
        if (suffix == null || !suffix.startsWith(".")) {
            throw new HostProbeException("the host's sysconfig EXT_SUFFIX is invalid: '" + suffix + "'");
        }
        String[] parts = suffix.split("\\.", -1);
        if (parts.length < 3) {
            return Tags.cpythonAbis(facts.python(), facts.debug(), facts.freeThreaded(), facts.pymalloc(),
                    facts.ucs4());
        }
        String soabi = parts[1];
        String[] dashed = soabi.split("-", -1);
        String abi;
        if (soabi.startsWith("cpython")) {
            abi = "cp" + (dashed.length > 1 ? dashed[1] : "");
        } else if (soabi.startsWith("cp")) {
            abi = dashed[0];
        } else if (soabi.startsWith("pypy")) {
            abi = String.join("-", List.of(dashed).subList(0, Math.min(2, dashed.length)));
        } else if (soabi.startsWith("graalpy")) {
            abi = String.join("-", List.of(dashed).subList(0, Math.min(3, dashed.length)));
        } else if (!soabi.isEmpty()) {
            abi = soabi;
        } else {
            return List.of();
        }
        return List.of(Platforms.normalize(abi));
    }

    static String shortName(String implementation) {
        return switch (implementation) {
            case "python" -> "py";
            case "cpython" -> "cp";
            case "pypy" -> "pp";
            case "ironpython" -> "ip";
            case "jython" -> "jy";
            default -> implementation;
        };
    }

    private static int parseOr(String text, int fallback) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // written out (not the record's invokedynamic equals): the lock compares the host's answer with its guess
    @Override
    public boolean equals(Object o) {
        return o instanceof HostTarget t && facts.equals(t.facts);
    }

    @Override
    public int hashCode() {
        return facts.hashCode();
    }
}
