package io.smolsnake.pypackaging.requirement;

/**
 * Where a marker is evaluated, which decides the defaults of the extra-related variables
 * (packaging's {@code EvaluateContext}).
 */
public enum MarkerContext {
    /** Core metadata ({@code Requires-Dist}): {@code extra} defaults to {@code ""}. */
    METADATA,
    /** A PEP 751 lock file: {@code extras} and {@code dependency_groups} default to empty sets. */
    LOCK_FILE,
    /** Anywhere else (requirements files, {@code pyproject.toml}): no defaults. */
    REQUIREMENT
}
