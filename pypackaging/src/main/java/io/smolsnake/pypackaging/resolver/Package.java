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
    }

    /** A package on the index. */
    record Project(PackageName name) implements Package {
        @Override
        public String toString() {
            return name.toString();
        }
    }

    /** A package with one extra requested: {@code pandas[excel]}. */
    record Extra(PackageName name, ExtraName extra) implements Package {
        @Override
        public String toString() {
            return name + "[" + extra + "]";
        }
    }
}
