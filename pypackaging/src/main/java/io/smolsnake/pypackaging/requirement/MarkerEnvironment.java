package io.smolsnake.pypackaging.requirement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values marker variables take on one target: the eleven PEP 508 variables, plus {@code extra}
 * (core metadata) and the sets {@code extras} and {@code dependency_groups} (lock files). A
 * {@code null} component is a variable the environment does not define; evaluating a marker that
 * reads it fails with {@link UndefinedEnvironmentNameException} unless the {@link MarkerContext}
 * supplies a default. There is deliberately no "current host" environment: callers say which
 * target they mean.
 */
public record MarkerEnvironment(
        String implementationName,
        String implementationVersion,
        String osName,
        String platformMachine,
        String platformRelease,
        String platformSystem,
        String platformVersion,
        String pythonFullVersion,
        String platformPythonImplementation,
        String pythonVersion,
        String sysPlatform,
        String extra,
        Set<String> extras,
        Set<String> dependencyGroups) {

    public MarkerEnvironment {
        if ((extras != null && extras.stream().anyMatch(Objects::isNull))
                || (dependencyGroups != null && dependencyGroups.stream().anyMatch(Objects::isNull))) {
            throw new IllegalArgumentException("extras and dependency groups cannot contain null");
        }
        extras = extras == null ? null : Set.copyOf(extras);
        dependencyGroups = dependencyGroups == null ? null : Set.copyOf(dependencyGroups);
    }

    /** An environment that defines nothing. */
    public static MarkerEnvironment empty() {
        return new MarkerEnvironment(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /**
     * An environment from PEP 508 variable names to values ({@code python_full_version},
     * {@code sys_platform}, …, and optionally {@code extra}); names absent from the map are
     * undefined.
     *
     * @throws IllegalArgumentException for a key that is not a string-valued marker variable
     */
    public static MarkerEnvironment of(Map<String, String> variables) {
        MarkerEnvironment env = empty();
        for (Map.Entry<String, String> e : variables.entrySet()) {
            env = env.with(e.getKey(), e.getValue());
        }
        return env;
    }

    /**
     * This environment with one string-valued variable set ({@code null} undefines it).
     *
     * @throws IllegalArgumentException for a key that is not a string-valued PEP 508 variable
     */
    public MarkerEnvironment with(String key, String value) {
        MarkerVariable variable = key == null ? null : MarkerVariable.fromKey(key);
        if (variable == null || !variable.key().equals(key) || MarkerVariable.SET_VALUED.contains(variable)) {
            throw new IllegalArgumentException("'" + key + "' is not a string-valued marker variable; expected one of "
                    + "implementation_name, implementation_version, os_name, platform_machine, platform_release, "
                    + "platform_system, platform_version, python_full_version, platform_python_implementation, "
                    + "python_version, sys_platform, extra");
        }
        String[] v = {implementationName, implementationVersion, osName, platformMachine, platformRelease,
            platformSystem, platformVersion, pythonFullVersion, platformPythonImplementation, pythonVersion,
            sysPlatform, extra};
        v[variable.ordinal()] = value; // the components follow MarkerVariable's order
        return new MarkerEnvironment(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                extras, dependencyGroups);
    }

    /** This environment evaluating core metadata for one extra ({@code extra == "name"}). */
    public MarkerEnvironment withExtra(String extra) {
        return with("extra", extra);
    }

    /** This environment installing these extras (lock files: {@code "name" in extras}). */
    public MarkerEnvironment withExtras(Set<String> extras) {
        return new MarkerEnvironment(implementationName, implementationVersion, osName, platformMachine,
                platformRelease, platformSystem, platformVersion, pythonFullVersion, platformPythonImplementation,
                pythonVersion, sysPlatform, extra, extras, dependencyGroups);
    }

    /** This environment installing these dependency groups ({@code "name" in dependency_groups}). */
    public MarkerEnvironment withDependencyGroups(Set<String> groups) {
        return new MarkerEnvironment(implementationName, implementationVersion, osName, platformMachine,
                platformRelease, platformSystem, platformVersion, pythonFullVersion, platformPythonImplementation,
                pythonVersion, sysPlatform, extra, extras, groups);
    }

    /** The defined string-valued variables by PEP 508 name, in PEP 508 order. */
    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (MarkerVariable v : MarkerVariable.values()) {
            Object value = value(v);
            if (value instanceof String s) {
                out.put(v.key(), s);
            }
        }
        return out;
    }

    /** The value of a variable: a {@code String}, a {@code Set<String>}, or {@code null} when undefined. */
    Object value(MarkerVariable variable) {
        return switch (variable) {
            case IMPLEMENTATION_NAME -> implementationName;
            case IMPLEMENTATION_VERSION -> implementationVersion;
            case OS_NAME -> osName;
            case PLATFORM_MACHINE -> platformMachine;
            case PLATFORM_RELEASE -> platformRelease;
            case PLATFORM_SYSTEM -> platformSystem;
            case PLATFORM_VERSION -> platformVersion;
            case PYTHON_FULL_VERSION -> pythonFullVersion;
            case PLATFORM_PYTHON_IMPLEMENTATION -> platformPythonImplementation;
            case PYTHON_VERSION -> pythonVersion;
            case SYS_PLATFORM -> sysPlatform;
            case EXTRA -> extra;
            case EXTRAS -> extras == null ? null : new TreeSet<>(extras);
            case DEPENDENCY_GROUPS -> dependencyGroups == null ? null : new TreeSet<>(dependencyGroups);
        };
    }
}
