package io.smolsnake.pypackaging.tags;

import java.util.Locale;
import java.util.Map;

/**
 * What dependencies are locked and installed for: an AWS Lambda Python runtime on one architecture,
 * or the host's own {@code python3}. A target knows the wheel tags it accepts, most preferred first,
 * and the PEP 508 marker environment its requirements are evaluated in.
 */
public sealed interface Target permits LambdaTarget, HostTarget {
    /** The runtime name that selects the host target in {@link #parse(String, String)}. */
    String HOST = "host";

    /** A short description: {@code python3.12 (arm64, Amazon Linux 2023, glibc 2.34)}. */
    String description();

    /** The Python version of the target. */
    PythonVersion python();

    /** The wheel tags the target accepts, most preferred first. */
    SupportedTags supportedTags();

    /** The PEP 508 marker environment: every PEP 508 variable name, in packaging's order. */
    Map<String, String> markerEnvironment();

    /**
     * A Lambda runtime ({@code python3.9} ... {@code python3.14}) on an architecture ({@code x86_64}
     * when null), or {@code host} (then {@code arch} must be null: the host has its own).
     *
     * @throws UnknownTargetException for an unknown runtime or architecture, listing the valid ones
     * @throws HostProbeException when {@code host} is asked for and {@code python3} cannot be probed
     */
    static Target parse(String runtime, String arch) {
        if (runtime == null || runtime.strip().toLowerCase(Locale.ROOT).equals(HOST)) {
            if (arch != null) {
                throw new UnknownTargetException("The architecture '" + arch + "' applies to a Lambda runtime;"
                        + " the host target uses the host's own architecture", arch);
            }
            return host();
        }
        return LambdaTarget.of(runtime, arch == null ? LambdaArch.X86_64.lambdaName() : arch);
    }

    /** The host's {@code python3}, probed once by running it. */
    static HostTarget host() {
        return HostTarget.probe("python3");
    }
}
