package io.smolsnake.pypackaging.requirement;

import java.util.Locale;
import java.util.Set;

/**
 * A PEP 508 environment marker variable, with the extension variables {@code extras} and
 * {@code dependency_groups} (PEP 751). Legacy spellings ({@code os.name},
 * {@code python_implementation}, …) are read as their PEP 508 names.
 */
public enum MarkerVariable implements MarkerOperand {
    IMPLEMENTATION_NAME,
    IMPLEMENTATION_VERSION,
    OS_NAME,
    PLATFORM_MACHINE,
    PLATFORM_RELEASE,
    PLATFORM_SYSTEM,
    PLATFORM_VERSION,
    PYTHON_FULL_VERSION,
    PLATFORM_PYTHON_IMPLEMENTATION,
    PYTHON_VERSION,
    SYS_PLATFORM,
    /** The extra being evaluated in core metadata ({@code Requires-Dist: x; extra == "y"}). */
    EXTRA,
    /** The set of extras being installed (lock files). */
    EXTRAS,
    /** The set of dependency groups being installed (lock files). */
    DEPENDENCY_GROUPS;

    /** The variables whose values are compared as versions when both sides parse as such. */
    static final Set<MarkerVariable> VERSION_VALUED =
            Set.of(IMPLEMENTATION_VERSION, PLATFORM_RELEASE, PYTHON_FULL_VERSION, PYTHON_VERSION);
    /** The variables whose values are sets of names. */
    static final Set<MarkerVariable> SET_VALUED = Set.of(EXTRAS, DEPENDENCY_GROUPS);

    /** The PEP 508 name, e.g. {@code python_full_version}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The variable with this PEP 508 name (or a legacy spelling: {@code os.name},
     * {@code sys.platform}, {@code platform.version}, {@code platform.machine},
     * {@code platform.python_implementation}, {@code python_implementation}), or {@code null}.
     */
    public static MarkerVariable fromKey(String key) {
        String k = key.replace('.', '_');
        if (k.equals("python_implementation")) {
            return PLATFORM_PYTHON_IMPLEMENTATION;
        }
        for (MarkerVariable v : values()) {
            if (v.key().equals(k)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return key();
    }
}
