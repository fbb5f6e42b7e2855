package io.smolsnake.embedded.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Function code unpacked once per digest under {@code workDir/code/<sha256>}. A file that starts
 * with {@code #!} is made executable (java.util.zip does not expose the zip's Unix modes; scripts
 * such as an exec wrapper are what needs them).
 */
final class CodeStore {
    /** The digest Lambda reports as {@code CodeSha256} (base64), the size, and where the code lives. */
    record Code(String sha256, long size, Path dir) {}

    private final Path root;

    CodeStore(Path workDir) {
        this.root = workDir.resolve("code");
    }

    synchronized Code store(byte[] zip) {
        byte[] digest = sha256(zip);
        Path dir = root.resolve(HexFormat.of().formatHex(digest));
        if (!Files.isDirectory(dir)) {
            Path temp = root.resolve(dir.getFileName() + ".tmp");
            try {
                deleteTree(temp);
                Files.createDirectories(temp);
                unzip(zip, temp);
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack function code into " + dir, e);
            }
        }
        return new Code(Base64.getEncoder().encodeToString(digest), zip.length, dir);
    }

    private static void unzip(byte[] zip, Path into) throws IOException {
        boolean any = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                any = true;
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw LambdaApiException.invalid("Could not unzip uploaded file: entry " + entry.getName()
                            + " points outside the package");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                byte[] bytes = in.readAllBytes();
                Files.write(target, bytes);
                if (bytes.length > 1 && bytes[0] == '#' && bytes[1] == '!') {
                    target.toFile().setExecutable(true, false);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw LambdaApiException.invalid("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
        if (!any) {
            throw LambdaApiException.invalid("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
