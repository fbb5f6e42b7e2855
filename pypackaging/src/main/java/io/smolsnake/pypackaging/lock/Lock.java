package io.smolsnake.pypackaging.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A PEP 751 lock file ({@code pylock.toml}).
 *
 * <p>The record is canonical: packages are sorted by normalised name, then version, then their
 * written form; wheels by file name; hashes by algorithm; list-valued keys and {@code [tool]}
 * tables by value and key. So equal locks are equal records, and {@link #toToml()} gives the same
 * bytes for them however they were built. The nullable lists ({@code environments},
 * {@code extras}, {@code dependencyGroups}, {@code defaultGroups}) are null when the key is
 * absent, which PEP 751 distinguishes from an empty array.
 *
 * <p>{@code requiresPython} and the {@code environments} markers are kept as written, for the
 * specifier and marker parsers to read.
 */
public record Lock(String lockVersion, List<String> environments, String requiresPython, List<String> extras,
        List<String> dependencyGroups, List<String> defaultGroups, String createdBy, List<LockedPackage> packages,
        Map<String, Object> tool) {

    /** The version of the format this class writes. */
    public static final String LOCK_VERSION = "1.0";

    private static final Comparator<LockedPackage> ORDER = Comparator
            .comparing((LockedPackage p) -> p.name().normalized())
            .thenComparing(LockedPackage::version, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(LockWriter::packageText);

    public Lock {
        lockVersion = lockVersion == null ? LOCK_VERSION : lockVersion;
        Objects.requireNonNull(createdBy, "createdBy");
        environments = sorted(environments);
        extras = sorted(extras);
        dependencyGroups = sorted(dependencyGroups);
        defaultGroups = sorted(defaultGroups);
        packages = packages == null ? List.of() : packages.stream().sorted(ORDER).toList();
        tool = TomlValues.table(tool);
    }

    /**
     * A single-use lock as smolsnake writes it: the packages to install for {@code target}.
     *
     * @param requiresPython the lock's {@code requires-python}, or null
     */
    public static Lock of(String createdBy, String requiresPython, List<LockedPackage> packages, LockTarget target) {
        return new Lock(LOCK_VERSION, null, requiresPython, null, null, null, createdBy, packages,
                Map.of(LockTarget.TOOL, target.toTable()));
    }

    /**
     * Reads and validates a lock file, {@code pylock.toml} from any tool.
     *
     * @param source how to name the file in messages (usually its path)
     * @throws InvalidLockException listing every problem found, each with its field path
     */
    public static Lock parse(String toml, String source) {
        return new LockReader(source).read(toml);
    }

    /** Reads and validates {@code file}; see {@link #parse(String, String)}. */
    public static Lock read(Path file) {
        String text;
        try {
            text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** The canonical TOML text: UTF-8, LF line endings, stable key order. */
    public String toToml() {
        return LockWriter.write(this);
    }

    /** The canonical bytes ({@link #toToml()} in UTF-8). */
    public byte[] toBytes() {
        return toToml().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the canonical bytes to {@code file}. */
    public void write(Path file) {
        try {
            java.nio.file.Files.write(file, toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The sha256 of the canonical bytes, as 64 lower-case hex digits. Equal locks have equal
     * digests; the environment assembled for a lock is keyed by it.
     */
    public String digest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(toBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** What smolsnake locked for ({@code [tool.smolsnake]}), when recorded. */
    public Optional<LockTarget> target() {
        if (!(tool.get(LockTarget.TOOL) instanceof Map<?, ?> table)) {
            return Optional.empty();
        }
        if (!(table.get("runtime") instanceof String runtime) || !(table.get("arch") instanceof String arch)) {
            return Optional.empty();
        }
        return Optional.of(new LockTarget(runtime, arch,
                table.get("inputs-digest") instanceof String digest ? digest : null));
    }

    /** This lock with {@code [tool.smolsnake]} recording {@code target}; other smolsnake keys are kept. */
    public Lock withTarget(LockTarget target) {
        Map<String, Object> tools = new LinkedHashMap<>(tool);
        Map<String, Object> table = new LinkedHashMap<>();
        if (tool.get(LockTarget.TOOL) instanceof Map<?, ?> old) {
            old.forEach((k, v) -> table.put((String) k, v));
        }
        table.remove("inputs-digest");
        table.putAll(target.toTable());
        tools.put(LockTarget.TOOL, table);
        return new Lock(lockVersion, environments, requiresPython, extras, dependencyGroups, defaultGroups,
                createdBy, packages, tools);
    }

    private static List<String> sorted(List<String> values) {
        return values == null ? null : values.stream().sorted().distinct().toList();
    }
}
