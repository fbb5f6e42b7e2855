package io.smolsnake.pypackaging.resolver;

import io.smolsnake.pypackaging.requirement.MarkerEnvironment;
import io.smolsnake.pypackaging.requirement.Requirement;
import io.smolsnake.pypackaging.tags.SupportedTags;
import io.smolsnake.pypackaging.version.Version;
import java.util.List;
import java.util.Objects;

/**
 * What to resolve, and for which target.
 *
 * @param requirements the project's requirements (markers are evaluated for the target)
 * @param constraints versions a package must have if it is selected at all ({@code -c})
 * @param environment the target's marker environment
 * @param tags the target's supported wheel tags, most preferred first
 * @param python the target's Python version, for {@code Requires-Python}
 * @param targetDescription how the target is named in messages ({@code python3.11 on x86_64 (glibc 2.26)})
 * @param prereleases the pre-release policy
 */
public record ResolveRequest(List<Requirement> requirements, List<Requirement> constraints,
        MarkerEnvironment environment, SupportedTags tags, Version python, String targetDescription,
        Prereleases prereleases) {

    /** When a pre-release may be chosen (uv's policies; pip's default is IF_NECESSARY_OR_EXPLICIT). */
    public enum Prereleases {
        /** Only when a requirement names a pre-release, or the package has nothing else in range. */
        IF_NECESSARY_OR_EXPLICIT,
        /** Pre-releases are candidates like any other version ({@code --pre}). */
        ALLOW
    }

    public ResolveRequest {
        requirements = List.copyOf(requirements);
        constraints = List.copyOf(constraints == null ? List.of() : constraints);
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(python, "python");
        targetDescription = targetDescription == null ? "the target" : targetDescription;
        prereleases = prereleases == null ? Prereleases.IF_NECESSARY_OR_EXPLICIT : prereleases;
    }
}
