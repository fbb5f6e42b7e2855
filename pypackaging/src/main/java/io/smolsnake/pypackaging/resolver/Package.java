package io.smolsnake.pypackaging.resolver;

import io.smolsnake.pypackaging.name.ExtraName;
import io.smolsnake.pypackaging.name.PackageName;

/**
 * A node the solver decides a version for: the project being locked, a package, or a package with
 * one extra (a virtual package that depends on the package at the same version and on the extra's
 * requirements, as uv models extras).
 */
public sealed interface Package {
    /** The project being locked. */
    record Root() implements Package {
        @Override
        public String toString() {
            return "the project";
        }

        // equals and hashCode written out here and below: a record's generated ones are linked
        // through invokedynamic on first use, which costs every short lock milliseconds
        @Override
        public boolean equals(Object o) {
            return o instanceof Root;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** A package on the index. */
    record Project(PackageName name) implements Package {
        @Override
        public String toString() {
            return name.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Project p && p.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    /** A package with one extra requested: {@code pandas[excel]}. */
    record Extra(PackageName name, ExtraName extra) implements Package {
        @Override
        public String toString() {
            return name + "[" + extra + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Extra e && e.name.equals(name) && e.extra.equals(extra);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + extra.hashCode();
        }
    }
}
