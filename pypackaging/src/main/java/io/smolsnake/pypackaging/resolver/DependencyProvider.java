package io.smolsnake.pypackaging.resolver;

import java.util.Map;
import java.util.Optional;

/**
 * What the solver knows about the world, and nothing more (pubgrub's {@code DependencyProvider},
 * uv's {@code ResolverProvider}): so the solver runs against an in-memory index in tests and the
 * real index in production.
 */
public interface DependencyProvider<P, S extends VersionSet<S, V>, V> {

    /** The set holding every version. */
    S full();

    /** The set holding exactly {@code version}. */
    S singleton(V version);

    /**
     * The version to try next for {@code pkg} among {@code allowed} (newest first, with the
     * provider's preferences such as "no pre-releases unless asked"), or empty when none fits.
     */
    Optional<V> chooseVersion(P pkg, S allowed);

    /** The dependencies of {@code pkg} at {@code version}. */
    Dependencies<P, S> dependencies(P pkg, V version);

    /**
     * Which undecided package to decide first: lower comes first. The default keeps the order in
     * which packages were discovered.
     */
    default long priority(P pkg, S allowed) {
        return 0;
    }

    /** A package's dependencies at one version, or why that version cannot be used. */
    sealed interface Dependencies<P, S> {
        /** The version can be used; it needs each package at a version in the given set. */
        record Known<P, S>(Map<P, S> requirements) implements Dependencies<P, S> {}

        /** The version cannot be used (no compatible wheel, metadata missing, wrong Python, …). */
        record Unavailable<P, S>(String reason) implements Dependencies<P, S> {}
    }
}
