package io.smolsnake.pypackaging.resolver;

/** Why an {@link Incompatibility} holds: the data an explanation is rendered from. */
public sealed interface Cause<P, V> {
    /** The root package must be selected. */
    record Root<P, V>() implements Cause<P, V> {}

    /** No version of the package in the term's set exists (or none is a candidate). */
    record NoVersions<P, V>() implements Cause<P, V> {}

    /** The version exists but cannot be used; {@code reason} says why, for a person. */
    record Unavailable<P, V>(V version, String reason) implements Cause<P, V> {}

    /** {@code pkg} at the versions in the first term depends on the second term's package. */
    record Dependency<P, V>(P pkg, P dependency) implements Cause<P, V> {}

    /** Learned from two other incompatibilities during conflict resolution. */
    record Derived<P, V>(Incompatibility<P, ?, V> left, Incompatibility<P, ?, V> right) implements Cause<P, V> {}
}
