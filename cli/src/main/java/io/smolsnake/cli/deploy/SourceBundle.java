package io.smolsnake.cli.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The project's source as a deterministic zip: entries sorted, fixed timestamps, so the same
 * source gives the same bytes and the same content-addressed key (an unchanged project uploads
 * nothing). Caches, virtual environments and VCS directories stay out.
 */
public record SourceBundle(byte[] bytes, String sha256, int files) {
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "__pycache__", ".venv", "venv",
            "node_modules", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".idea", ".vscode");
    private static final long EPOCH = 315532800000L; // 1980-01-01, the earliest zip time

    /** The content-addressed key the bundle is stored under. */
    public String key() {
        return "bundles/" + sha256 + ".zip";
    }

    public static SourceBundle of(Path project) {
        Path root = project.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).toString().split("/").length > 0)
                    .filter(p -> !skipped(root.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the project " + root, e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path f : files) {
                ZipEntry e = new ZipEntry(root.relativize(f).toString().replace('\\', '/'));
                e.setTime(EPOCH);
                zip.putNextEntry(e);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bundle the project " + root, e);
        }
        byte[] bytes = out.toByteArray();
        return new SourceBundle(bytes, sha256(bytes), files.size());
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return true;
            }
        }
        String name = relative.getFileName().toString();
        return name.endsWith(".pyc") || name.equals(".DS_Store");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
