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
    record Unsatisfiable(String explanation, List<String> hints, List<Unusable> unusable) implements ResolveResult {
        public Unsatisfiable {
            hints = List.copyOf(hints);
            unusable = List.copyOf(unusable);
        }

        /**
         * The same failure with better hints first (a caller that knows the target adds its own);
         * a generic hint about a package the better ones already cover is dropped.
         */
        public Unsatisfiable withHints(List<String> better) {
            List<String> all = new java.util.ArrayList<>(better);
            for (String hint : hints) {
                String pkg = hint.substring(0, Math.max(0, hint.indexOf(' ')) + 1);
                if (better.stream().noneMatch(b -> b.startsWith(pkg))) {
                    all.add(hint);
                }
            }
            return new Unsatisfiable(explanation, all, unusable);
        }

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
     * A version the target could not use, and why: the data behind the explanation's "cannot be
     * used", for hints.
     *
     * @param wheelTags every tag of every wheel of that version (empty when it has none)
     */
    record Unusable(PackageName name, Version version, Why why, Set<io.smolsnake.pypackaging.tags.Tag> wheelTags,
            String reason) {
        public Unusable {
            wheelTags = Set.copyOf(wheelTags);
        }

        /** The kinds of reasons. */
        public enum Why { ONLY_SDIST, NO_COMPATIBLE_WHEEL, REQUIRES_PYTHON }
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
