package io.smolsnake.core.stage;

import io.smolsnake.pypackaging.tags.HostTarget;
import io.smolsnake.pypackaging.tags.LambdaArch;
import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.tags.UnknownTargetException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body of one SQS message asking the install worker to put one locked wheel into the store
 * (the Install stage's Map sends one per missing package, with the task token of its
 * {@code .waitForTaskToken} state). The worker answers with {@code SendTaskSuccess} carrying an
 * {@link InstallResult} as JSON, or {@code SendTaskFailure} with an {@code Install.*} error name.
 *
 * <pre>{@code
 * {"type": "install", "taskToken": "...", "target": {"runtime": "python3.12", "arch": "x86_64"},
 *  "name": "numpy", "version": "2.2.6", "url": "https://files.pythonhosted.org/.../numpy-2.2.6-....whl",
 *  "filename": "numpy-2.2.6-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
 *  "size": 16451234, "sha256": "<64 hex>", "compile": true}
 * }</pre>
 *
 * @param type always {@value #TYPE}
 * @param taskToken the Step Functions task token to answer (never logged)
 * @param target the runtime and architecture the wheel is installed for
 * @param name the distribution's name in the lock
 * @param version the distribution's version in the lock
 * @param url where to download the wheel: {@code https}, {@code http}, {@code file} or {@code s3}
 * @param filename the wheel's file name
 * @param size the wheel's size in bytes, or null when the lock does not record it
 * @param sha256 the wheel's sha256, 64 hex digits (stored in lower case)
 * @param compile whether to compile bytecode for the target's Python
 */
public record InstallMessage(String type, String taskToken, TargetSpec target, String name, String version,
        String url, String filename, Long size, String sha256, boolean compile) {
    /** The {@code type} of an install message. */
    public static final String TYPE = "install";
    static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

    public InstallMessage {
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("an install message has type \"" + TYPE + "\", not \"" + type + "\"");
        }
        requireText("taskToken", taskToken);
        if (target == null) {
            throw new IllegalArgumentException("an install message needs a target {runtime, arch}");
        }
        requireText("name", name);
        requireText("version", version);
        requireText("url", url);
        requireText("filename", filename);
        if (size != null && size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("expected a sha256 of 64 hex digits, got '" + sha256 + "'");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** An install message ({@code type} filled in). */
    public static InstallMessage of(String taskToken, TargetSpec target, String name, String version, String url,
            String filename, Long size, String sha256, boolean compile) {
        return new InstallMessage(TYPE, taskToken, target, name, version, url, filename, size, sha256, compile);
    }

    /** This message with another task token (the same package asked for by another execution). */
    public InstallMessage withTaskToken(String token) {
        return new InstallMessage(type, token, target, name, version, url, filename, size, sha256, compile);
    }

    static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the message has no " + field);
        }
    }

    /**
     * A target as messages and locks write it: a Lambda runtime ({@code python3.12}) and its
     * architecture ({@code x86_64}, {@code arm64}), or {@code host} with the host's architecture
     * (or none).
     */
    public record TargetSpec(String runtime, String arch) {
        public TargetSpec {
            requireText("target.runtime", runtime);
            if (arch != null && arch.isBlank()) {
                arch = null;
            }
        }

        /** How {@code target} is written. */
        public static TargetSpec of(Target target) {
            if (target instanceof LambdaTarget lambda) {
                return new TargetSpec(lambda.runtime().identifier(), lambda.arch().lambdaName());
            }
            return new TargetSpec(Target.HOST, ((HostTarget) target).markerEnvironment().get("platform_machine"));
        }

        /**
         * The target this names; for {@code host} the host's {@code python3}, whose machine must be
         * {@code arch} when one is given.
         *
         * @throws UnknownTargetException for an unknown runtime or architecture, or a host of another one
         * @throws io.smolsnake.pypackaging.tags.HostProbeException when the host cannot be probed
         */
        public Target resolve() {
            if (!runtime.strip().equalsIgnoreCase(Target.HOST)) {
                return Target.parse(runtime, arch);
            }
            HostTarget host = Target.host();
            if (arch != null) {
                String machine = host.markerEnvironment().getOrDefault("platform_machine", "");
                if (!sameMachine(arch, machine)) {
                    throw new UnknownTargetException("The target is host on " + arch + ", but this host is "
                            + machine + "; install on a " + arch + " machine or lock for a Lambda runtime", arch);
                }
            }
            return host;
        }

        private static boolean sameMachine(String arch, String machine) {
            String a = arch.strip().toLowerCase(Locale.ROOT);
            String m = machine.strip().toLowerCase(Locale.ROOT);
            if (a.equals(m)) {
                return true;
            }
            try {
                return LambdaArch.parse(a) == LambdaArch.parse(m);
            } catch (UnknownTargetException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return arch == null ? runtime : runtime + "-" + arch;
        }
    }
}
