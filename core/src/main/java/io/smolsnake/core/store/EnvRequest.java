package io.smolsnake.core.store;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.tags.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One environment to assemble: the store entries of one lock.
 *
 * @param target the runtime and architecture of the lock; every entry must be for it
 * @param digest the lock's digest, which names the environment (letters, digits, {@code .},
 *     {@code _}, {@code -}; at most 128 characters)
 * @param entries the lock's packages, one version of each
 * @param layout how the environment puts them on {@code sys.path}
 */
public record EnvRequest(Target target, String digest, List<StoreKey> entries, EnvLayout layout) {
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public EnvRequest {
        if (target == null || layout == null || entries == null) {
            throw new IllegalArgumentException("an environment needs a target, a layout and its entries");
        }
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("expected a lock digest of letters, digits, '.', '_' or '-'"
                    + " (at most 128), got '" + digest + "'");
        }
        entries = List.copyOf(entries);
        String platform = StoreKey.platform(target);
        List<String> problems = new ArrayList<>();
        Set<PackageName> names = new HashSet<>();
        for (StoreKey key : entries) {
            if (!key.platform().equals(platform)) {
                problems.add(key + " is not for " + platform);
            }
            if (!names.add(key.name())) {
                problems.add(key.name().normalized() + " appears more than once");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("environment " + digest + ": " + String.join("; ", problems));
        }
    }

    /** A link forest for {@code entries}. */
    public static EnvRequest linkForest(Target target, String digest, List<StoreKey> entries) {
        return new EnvRequest(target, digest, entries, EnvLayout.LINK_FOREST);
    }

    /** The directory name of a target's environments: {@link StoreKey#platform(Target)}. */
    public String platform() {
        return StoreKey.platform(target);
    }
}
