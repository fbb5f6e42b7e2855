package io.smolsnake.core.store;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.tags.HostTarget;
import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.version.Version;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which store entry holds one wheel: {@code <platform>/<name>/<version>/<first 16 hex of sha256>}.
 * Different runtimes, architectures, versions and wheels (two builds of one version) never share
 * an entry.
 *
 * @param platform the target, as {@link #platform(Target)} writes it: {@code python3.12-arm64}
 * @param name the distribution's name (its normalised form names the directory)
 * @param version the distribution's version (its normalised form names the directory)
 * @param sha256 the wheel file's sha256, 64 hex digits, stored in lower case
 */
public record StoreKey(String platform, PackageName name, Version version, String sha256) {
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    /** How many hex digits of the sha256 name the entry's directory. */
    static final int HASH_PREFIX = 16;

    public StoreKey {
        if (platform == null || !PLATFORM.matcher(platform).matches()) {
            throw new IllegalArgumentException("expected a platform such as python3.12-x86_64, got '" + platform + "'");
        }
        if (name == null || version == null) {
            throw new IllegalArgumentException("a store key needs a name and a version");
        }
        if (sha256 == null || !HEX64.matcher(sha256.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("expected a sha256 of 64 hex digits, got '" + sha256 + "'");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /**
     * The key of a wheel for {@code target}.
     *
     * @throws IllegalArgumentException when the sha256 is not 64 hex digits
     * @throws io.smolsnake.pypackaging.name.InvalidNameException for an invalid name
     * @throws io.smolsnake.pypackaging.version.InvalidVersionException for an invalid version
     */
    public static StoreKey of(Target target, String name, String version, String sha256) {
        return new StoreKey(platform(target), PackageName.of(name), Version.parse(version), sha256);
    }

    /**
     * The directory name of a target's entries: {@code python3.12-x86_64} for a Lambda runtime,
     * {@code host-python3.11-x86_64} for the host's {@code python3}.
     */
    public static String platform(Target target) {
        if (target instanceof LambdaTarget lambda) {
            return lambda.runtime().identifier() + "-" + lambda.arch().lambdaName();
        }
        HostTarget host = (HostTarget) target;
        return "host-python" + host.python() + "-"
                + host.markerEnvironment().getOrDefault("platform_machine", "unknown").toLowerCase(Locale.ROOT);
    }

    /** {@code <platform>/<name>/<version>/<hash prefix>}, relative to the store's {@code store/} directory. */
    public String relativePath() {
        return platform + "/" + name.normalized() + "/" + version + "/" + sha256.substring(0, HASH_PREFIX);
    }

    /*
     * equals and hashCode are written out: a record's generated ones are bootstrapped through
     * invokedynamic (ObjectMethods) on first use, which costs `smolsnake install` tens of
     * milliseconds before its first wheel (keys are hashed as the environment is begun).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof StoreKey k && platform.equals(k.platform) && name.equals(k.name)
                && version.equals(k.version) && sha256.equals(k.sha256);
    }

    @Override
    public int hashCode() {
        return ((platform.hashCode() * 31 + name.hashCode()) * 31 + version.hashCode()) * 31 + sha256.hashCode();
    }

    @Override
    public String toString() {
        return name.normalized() + " " + version + " (" + platform + ", sha256 " + sha256.substring(0, HASH_PREFIX) + ")";
    }
}
