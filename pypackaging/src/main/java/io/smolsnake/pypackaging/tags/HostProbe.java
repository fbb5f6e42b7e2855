package io.smolsnake.pypackaging.tags;

import io.smolsnake.pypackaging.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs an interpreter once with a small script that prints, as JSON, what tag generation needs. */
final class HostProbe {
    private static final long TIMEOUT_SECONDS = 60;

    /** Reads only the standard library; works on Python 3.6 and later. */
    static final String SCRIPT = """
            import glob, importlib.machinery, json, os, platform, re, struct, subprocess, sys, sysconfig
            def cv(name):
                return sysconfig.get_config_var(name)
            def glibc():
                try:
                    text = os.confstr('CS_GNU_LIBC_VERSION')
                except (AttributeError, OSError, ValueError):
                    return None
                parts = (text or '').split()
                return parts[1] if len(parts) == 2 and parts[0] == 'glibc' else None
            def musl():
                for loader in sorted(glob.glob('/lib/ld-musl-*.so.1')):
                    try:
                        out = subprocess.run([loader], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL).stderr
                    except OSError:
                        continue
                    m = re.search(r'Version (\\d+)\\.(\\d+)', out.decode('utf-8', 'replace'))
                    if m:
                        return m.group(1) + '.' + m.group(2)
                return None
            def elf():
                try:
                    with open(sys.executable, 'rb') as f:
                        head = f.read(52)
                except OSError:
                    return (False, False)
                if len(head) < 52 or head[:4] != b'\\x7fELF' or head[4] != 1 or head[5] != 1:
                    return (False, False)
                machine = struct.unpack('<H', head[18:20])[0]
                flags = struct.unpack('<I', head[36:40])[0]
                armhf = machine == 40 and flags & 0xFF000000 == 0x05000000 and flags & 0x400 == 0x400
                return (machine == 3, armhf)
            def fmt(info):
                v = '%d.%d.%d' % (info.major, info.minor, info.micro)
                if info.releaselevel != 'final':
                    v += info.releaselevel[0] + str(info.serial)
                return v
            mac_release, _, mac_machine = platform.mac_ver()
            if mac_release.startswith('10.16'):
                env = dict(os.environ, SYSTEM_VERSION_COMPAT='0')
                mac_release = subprocess.run([sys.executable, '-sS', '-c', 'import platform; print(platform.mac_ver()[0])'],
                                             env=env, stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
            debug = cv('Py_DEBUG')
            pymalloc = cv('WITH_PYMALLOC')
            unicode_size = cv('Py_UNICODE_SIZE')
            glibc_version = glibc() if sys.platform.startswith('linux') else None
            i686, armhf = elf()
            print(json.dumps({
                'implementation_name': sys.implementation.name,
                'python': '%d.%d' % sys.version_info[:2],
                'py_version_nodot': cv('py_version_nodot'),
                'system': platform.system(),
                'sysconfig_platform': sysconfig.get_platform(),
                'is32bit': struct.calcsize('P') == 4,
                'ext_suffix': cv('EXT_SUFFIX'),
                'debug': bool(debug or (debug is None and (hasattr(sys, 'gettotalrefcount')
                              or '_d.pyd' in importlib.machinery.EXTENSION_SUFFIXES))),
                'free_threaded': bool(cv('Py_GIL_DISABLED')),
                'pymalloc': bool(pymalloc or pymalloc is None),
                'ucs4': unicode_size == 4 or (unicode_size is None and sys.maxunicode == 0x10FFFF),
                'glibc': glibc_version,
                'musl': musl() if sys.platform.startswith('linux') and glibc_version is None else None,
                'elf_i686': i686,
                'elf_armhf': armhf,
                'mac_release': mac_release,
                'mac_machine': mac_machine,
                'executable': sys.executable,
                'markers': {
                    'implementation_name': sys.implementation.name,
                    'implementation_version': fmt(sys.implementation.version),
                    'os_name': os.name,
                    'platform_machine': platform.machine(),
                    'platform_release': platform.release(),
                    'platform_system': platform.system(),
                    'platform_version': platform.version(),
                    'python_full_version': platform.python_version(),
                    'platform_python_implementation': platform.python_implementation(),
                    'python_version': '.'.join(platform.python_version_tuple()[:2]),
                    'sys_platform': sys.platform,
                },
            }))
            """;

    /** What the script's copy for the launcher prints first, naming this version of the script. */
    static final String LAUNCHER_TAG = "smolsnake-host-probe " + Integer.toHexString(SCRIPT.hashCode());
    /** The script's copy that {@code bin/smolsnake} runs while the JVM starts (see {@link #launcherAnswer}). */
    static final String LAUNCHER_SCRIPT = "print(" + quoted(LAUNCHER_TAG) + ")\n" + SCRIPT;
    /** The file descriptor on which {@code bin/smolsnake} hands over python3's answer to the launcher script. */
    static final String LAUNCHER_FD = "SMOLSNAKE_HOST_ANSWER_FD";
    private static final int LAUNCHER_ANSWER_LIMIT = 1 << 20;
    /** The launcher's answer is for the first probe of python3 only. */
    private static final AtomicBoolean LAUNCHER_ANSWER_TAKEN = new AtomicBoolean();

    private HostProbe() {}

    /**
     * What python3 answered to {@link #LAUNCHER_SCRIPT} when {@code bin/smolsnake} ran it before this
     * JVM started (for {@code lock}: the host probe is then off the critical path, which behind a pyenv
     * shim takes ~0.1 s): read from the descriptor named by {@link #LAUNCHER_FD}, once, for {@code
     * python3} only, and only when it is this version's answer (its first line is {@link #LAUNCHER_TAG}).
     * Empty otherwise, or when python3 failed there (then it is asked again, and its error reported).
     */
    static Optional<String> launcherAnswer(String python, Map<String, String> env) {
        String fd = env.get(LAUNCHER_FD);
        if (!"python3".equals(python) || fd == null || !fd.matches("[0-9]{1,4}")
                || !LAUNCHER_ANSWER_TAKEN.compareAndSet(false, true)) {
            return Optional.empty();
        }
        Path pipe = Path.of("/proc/self/fd", fd);
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = java.nio.file.Files.newInputStream(pipe)) {
                return in.readNBytes(LAUNCHER_ANSWER_LIMIT); // an answer is a few kilobytes
            } catch (IOException e) {
                return new byte[0];
            }
        });
        String text;
        try {
            text = new String(read.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        String first = LAUNCHER_TAG + "\n";
        return text.startsWith(first) && text.length() > first.length()
                ? Optional.of(text.substring(first.length())) : Optional.empty();
    }

    /**
     * Leaves {@link #LAUNCHER_SCRIPT} as {@code host-probe.py} under {@code cacheDir} for {@code
     * bin/smolsnake}, unless it is there already; quietly (the launcher then does without).
     */
    static void offerLauncherScript(Path cacheDir) {
        Path file = cacheDir.resolve("host-probe.py");
        byte[] script = LAUNCHER_SCRIPT.getBytes(StandardCharsets.UTF_8);
        try {
            if (java.util.Arrays.equals(java.nio.file.Files.readAllBytes(file), script)) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            // absent or unreadable: written below
        }
        io.smolsnake.pypackaging.CacheFiles.write(file, script);
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The host target the script's answer describes: its facts, and its own executable when it named one. */
    static HostTarget target(String json) {
        Map<?, ?> n = object(json);
        Optional<Path> executable = n.get("executable") instanceof String exe && !exe.isEmpty()
                ? Optional.of(Path.of(exe)) : Optional.empty();
        return new HostTarget(facts(n, json), executable);
    }

    /** The script's answer (JSON text), after checking the interpreter ran it successfully. */
    static String answer(String python) {
        Process process;
        try {
            // -S: no site module; none of the facts depend on it, and the .pth files it runs (certifi's,
            // say) can cost more than the script itself
            process = new ProcessBuilder(python, "-I", "-S", "-c", SCRIPT).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new HostProbeException("Cannot run '" + python + "' to read the host's Python facts: "
                    + e.getMessage() + " (is Python 3 installed and on PATH?)", e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] out = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new HostProbeException("'" + python + "' did not answer within " + TIMEOUT_SECONDS + " s");
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new HostProbeException("'" + python + "' failed (exit " + process.exitValue()
                        + ") while reading the host's Python facts: " + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HostProbeException("Cannot read the answer of '" + python + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new HostProbeException("Interrupted while waiting for '" + python + "'", e);
        }
    }

    private static Map<?, ?> object(String json) {
        Object root;
        try {
            root = Json.parse(json);
        } catch (Json.JsonException e) {
            throw new HostProbeException("The host's python3 answered something that is not JSON: " + json, e);
        }
        if (!(root instanceof Map<?, ?> n)) {
            throw new HostProbeException("The host's python3 answered something that is not a JSON object: " + json);
        }
        return n;
    }

    private static InterpreterFacts facts(Map<?, ?> n, String json) {
        try {
            String[] version = text(n, "python").split("\\.");
            Map<String, String> markers = new LinkedHashMap<>();
            if (n.get("markers") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> markers.put(k.toString(), v == null ? "null" : v.toString()));
            }
            return new InterpreterFacts(
                    text(n, "implementation_name"),
                    PythonVersion.of(Integer.parseInt(version[0]), Integer.parseInt(version[1])),
                    optionalText(n, "py_version_nodot"),
                    text(n, "system"),
                    text(n, "sysconfig_platform"),
                    flag(n, "is32bit"),
                    optionalText(n, "ext_suffix"),
                    flag(n, "debug"),
                    flag(n, "free_threaded"),
                    flag(n, "pymalloc"),
                    flag(n, "ucs4"),
                    Optional.ofNullable(optionalText(n, "glibc")).map(LibcVersion::parse),
                    Optional.ofNullable(optionalText(n, "musl")).map(LibcVersion::parse),
                    flag(n, "elf_i686"),
                    flag(n, "elf_armhf"),
                    optionalText(n, "mac_release"),
                    optionalText(n, "mac_machine"),
                    markers);
        } catch (RuntimeException e) {
            throw new HostProbeException("The host's python3 answered incomplete facts (" + e.getMessage() + "): "
                    + json, e);
        }
    }

    private static String text(Map<?, ?> n, String field) {
        String value = optionalText(n, field);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return value;
    }

    private static String optionalText(Map<?, ?> n, String field) {
        Object v = n.get(field);
        return v == null ? null : v.toString();
    }

    private static boolean flag(Map<?, ?> n, String field) {
        return Boolean.TRUE.equals(n.get(field));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
