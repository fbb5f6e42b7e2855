package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.CacheFiles;
import io.smolsnake.pypackaging.index.FileKind;
import io.smolsnake.pypackaging.index.IndexSource;
import io.smolsnake.pypackaging.index.ProjectCandidates;
import io.smolsnake.pypackaging.index.ProjectFile;
import io.smolsnake.pypackaging.index.ProjectLookup;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the package sources answered for one project, as a digest a resolution memo can compare: every
 * file each source listed (name, URL, hashes, size, requires-python, yanked, metadata, which source),
 * "not found" too. A file's content is named by its sha256, or for a local file without one by its
 * path, size, modification time and file key (as {@link LocalFileFacts} trusts them). A remote wheel
 * without a sha256, a source that could not be read, or a local file changed in the last two seconds
 * (its time could repeat with other content) makes the answer one that cannot be compared: null.
 */
final class Answers {
    private Answers() {}

    /** The digest of {@code candidates}, or null when a resolution that saw them must not be memoized. */
    static String digest(ProjectCandidates candidates) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("project\0").append(candidates.name().normalized()).append('\n');
        for (ProjectLookup lookup : candidates.lookups()) {
            sb.append(kind(lookup.source())).append('\0').append(lookup.source()).append('\0');
            if (lookup instanceof ProjectLookup.NotFound) {
                sb.append("not-found\n");
                continue;
            }
            if (!(lookup instanceof ProjectLookup.Found found)) {
                return null; // unreachable: the resolution saw a warning
            }
            sb.append("found\0").append(found.page().url()).append('\n');
            for (ProjectFile f : found.page().files()) {
                sb.append(f.filename()).append('\0').append(f.url()).append('\0');
                hashes(sb, f.hashes());
                sb.append('\0').append(f.size()).append('\0').append(f.requiresPython()).append('\0')
                        .append(f.yanked()).append('\0').append(f.yankedReason()).append('\0')
                        .append(f.metadata().available()).append('\0');
                hashes(sb, f.metadata().hashes());
                sb.append('\0');
                if (f.sha256().isEmpty()) {
                    if ("file".equals(f.url().getScheme())) {
                        String stamp = stamp(f.url());
                        if (stamp == null) {
                            return null;
                        }
                        sb.append(stamp);
                    } else if (f.kind() == FileKind.WHEEL) {
                        return null; // its content, and so its metadata, could change unseen
                    }
                }
                sb.append('\n');
            }
        }
        return CacheFiles.key(sb.toString());
    }

    /** A local file's identity: size, modification time and file key; null when unreadable or racily new. */
    static String stamp(URI url) {
        try {
            Path path = Path.of(url);
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            long modified = a.lastModifiedTime().toMillis();
            if (System.currentTimeMillis() - modified < 2000) {
                return null;
            }
            return "local " + a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " " + a.fileKey();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Sorted: an immutable map's own order differs from one run to the next. */
    private static void hashes(StringBuilder sb, Map<String, String> hashes) {
        for (Map.Entry<String, String> h : new TreeMap<>(hashes).entrySet()) {
            sb.append(h.getKey()).append('=').append(h.getValue()).append(',');
        }
    }

    private static String kind(IndexSource source) {
        return source instanceof IndexSource.SimpleIndex ? "index" : "find-links";
    }
}
