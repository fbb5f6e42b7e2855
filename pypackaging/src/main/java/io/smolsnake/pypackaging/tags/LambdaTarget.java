package io.smolsnake.pypackaging.tags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AWS Lambda Python runtime on one architecture.
 *
 * <p>Its tags are packaging's {@code cpython_tags} then {@code compatible_tags} for {@code cp3X} on the
 * runtime's manylinux platforms only: Lambda runs glibc, so never {@code musllinux_*}, and a plain
 * {@code linux_*} wheel was built for some other machine's libraries, so it is not accepted either.
 *
 * <p>The marker environment is that of the runtime's CPython on Linux, with two values Lambda does not
 * pin: {@code python_full_version} (and {@code implementation_version}) is {@code 3.X.0}, because
 * Lambda moves to new patch releases without notice, so the lowest patch is the one a lock can rely on;
 * {@code platform_release} and {@code platform_version} (the kernel's) are empty strings.
 */
public record LambdaTarget(LambdaRuntime runtime, LambdaArch arch) implements Target {
    public LambdaTarget {
        if (runtime == null || arch == null) {
            throw new IllegalArgumentException("a Lambda target needs a runtime and an architecture");
        }
    }

    /**
     * {@code LambdaTarget.of("python3.12", "arm64")}.
     *
     * @throws UnknownTargetException for an unknown runtime or architecture, listing the valid ones
     */
    public static LambdaTarget of(String runtime, String arch) {
        return new LambdaTarget(LambdaRuntime.parse(runtime), LambdaArch.parse(arch));
    }

    /** The glibc of the runtime's operating system. */
    public LibcVersion glibc() {
        return runtime.glibc();
    }

    @Override
    public PythonVersion python() {
        return runtime.python();
    }

    @Override
    public String description() {
        return runtime.identifier() + " (" + arch.lambdaName() + ", " + runtime.os().displayName()
                + ", glibc " + glibc() + ")";
    }

    /** The manylinux platforms of this runtime, most preferred first. */
    public List<String> platforms() {
        return Platforms.manylinux(glibc(), List.of(arch.machine()));
    }

    @Override
    public SupportedTags supportedTags() {
        PythonVersion python = python();
        String interpreter = "cp" + python.nodot();
        List<String> platforms = platforms();
        List<Tag> tags = new ArrayList<>(Tags.cpythonTags(python, List.of(interpreter), platforms));
        tags.addAll(Tags.compatibleTags(python, interpreter, platforms));
        return SupportedTags.of(tags);
    }

    @Override
    public Map<String, String> markerEnvironment() {
        String full = python() + ".0";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("implementation_name", "cpython");
        env.put("implementation_version", full);
        env.put("os_name", "posix");
        env.put("platform_machine", arch.machine());
        env.put("platform_release", "");
        env.put("platform_system", "Linux");
        env.put("platform_version", "");
        env.put("python_full_version", full);
        env.put("platform_python_implementation", "CPython");
        env.put("python_version", python().toString());
        env.put("sys_platform", "linux");
        return Collections.unmodifiableMap(env);
    }

    @Override
    public String toString() {
        return runtime.identifier() + "/" + arch.lambdaName();
    }
}
