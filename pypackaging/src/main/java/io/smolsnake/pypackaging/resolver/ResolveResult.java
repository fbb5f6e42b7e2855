package io.smolsnake.pypackaging.resolver;

import io.smolsnake.pypackaging.name.ExtraName;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.util.List;
import java.util.Set;

/** The outcome of {@link PythonResolver#resolve}. */
public sealed interface ResolveResult {

    /** A version and a wheel for every package the target needs, sorted by name. */
    record Resolved(List<Pin> packages) implements ResolveResult {
        public Resolved {
            packages = List.copyOf(packages);
        }
    }

    /**
     * No set of versions satisfies the requirements on the target.
     *
     * @param explanation the derivation, as sentences
     * @param hints things the user may change ({@code hint: …} lines), possibly none
     */
    record Unsatisfiable(String explanation, List<String> hints) implements ResolveResult {
        /** The explanation followed by its hints, as a person reads it. */
        public String message() {
            StringBuilder sb = new StringBuilder(explanation);
            for (String hint : hints) {
                sb.append("\n\nhint: ").append(hint);
            }
            return sb.toString();
        }
    }

    /**
     * One locked package.
     *
     * @param wheel the wheel chosen for the target (the best-ranked compatible one)
     * @param extras the extras of this package that were requested
     * @param dependencies the packages it requires on the target
     */
    record Pin(PackageName name, Version version, Dist wheel, Set<ExtraName> extras, Set<PackageName> dependencies) {
        public Pin {
            extras = Set.copyOf(extras);
            dependencies = Set.copyOf(dependencies);
        }
    }
}
