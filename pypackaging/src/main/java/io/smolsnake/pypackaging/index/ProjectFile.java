package io.smolsnake.pypackaging.index;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One file a simple index lists for a project (PEP 503 anchor or PEP 691 {@code files} entry).
 *
 * @param filename the file's name as listed (not parsed here; see {@link #kind()})
 * @param url the absolute URL, without the hash fragment
 * @param hashes hash name (lower case) to hex digest, from the URL fragment or the JSON
 *     {@code hashes}; may be empty
 * @param requiresPython the raw {@code Requires-Python} specifier text, HTML-unescaped, or null
 * @param yanked whether the file is yanked (PEP 592)
 * @param yankedReason the reason given for yanking, or null (also null when the reason is empty)
 * @param metadata whether a PEP 658/714 {@code .metadata} file exists beside the file, and its hashes
 * @param size the size in bytes when the index says (PEP 700), else -1
 */
public record ProjectFile(
        String filename,
        URI url,
        Map<String, String> hashes,
        String requiresPython,
        boolean yanked,
        String yankedReason,
        CoreMetadata metadata,
        long size) {

    public ProjectFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(url, "url");
        hashes = hashes == null ? Map.of() : Map.copyOf(new TreeMap<>(hashes));
        metadata = metadata == null ? CoreMetadata.NONE : metadata;
        if (yankedReason != null && yankedReason.isEmpty()) {
            yankedReason = null;
        }
        if (size < -1) {
            size = -1;
        }
    }

    /** A file known only by name and URL (a find-links directory entry). */
    public static ProjectFile of(String filename, URI url) {
        return new ProjectFile(filename, url, Map.of(), null, false, null, CoreMetadata.NONE, -1);
    }

    /** Wheel, sdist or other, by extension. */
    public FileKind kind() {
        return FileKind.of(filename);
    }

    /** The sha256 digest (lower-case hex) when the index gave one. */
    public Optional<String> sha256() {
        return Optional.ofNullable(hashes.get("sha256"));
    }

    /** The size in bytes, when the index gave one. */
    public OptionalLong sizeIfKnown() {
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** The URL of the PEP 658 metadata file: the file's URL with {@code .metadata} appended. */
    public URI metadataUrl() {
        return URI.create(url.toString() + ".metadata");
    }

    /**
     * Whether the index serves the file's core metadata separately (PEP 658 / PEP 714).
     *
     * @param available whether a {@code <url>.metadata} file exists
     * @param hashes its hashes (hash name to hex), possibly empty even when available
     */
    public record CoreMetadata(boolean available, Map<String, String> hashes) {
        public static final CoreMetadata NONE = new CoreMetadata(false, Map.of());

        public CoreMetadata {
            hashes = hashes == null ? Map.of() : Map.copyOf(new TreeMap<>(hashes));
            if (!available && !hashes.isEmpty()) {
                throw new IllegalArgumentException("metadata hashes given for metadata that is not available");
            }
        }

        public static CoreMetadata available(Map<String, String> hashes) {
            return new CoreMetadata(true, hashes);
        }
    }
}
