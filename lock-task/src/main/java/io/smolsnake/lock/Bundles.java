package io.smolsnake.lock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks a project bundle (a zip) into a directory, refusing entries that would leave it. */
final class Bundles {
    /** A project bundle holds source and requirement files, not data: a bound against zip bombs. */
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private Bundles() {}

    static void extract(InputStream zip, Path into, String name) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || e.getName().startsWith("/")) {
                    throw new IllegalArgumentException("the bundle " + name + " has an entry outside the project: "
                            + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                total += Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                if (total > MAX_BYTES) {
                    throw new IllegalArgumentException("the bundle " + name + " unpacks to more than "
                            + MAX_BYTES / (1024 * 1024) + " MB; a project bundle holds its code and requirements");
                }
            }
        }
    }
}
