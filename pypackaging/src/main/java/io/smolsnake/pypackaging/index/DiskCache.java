package io.smolsnake.pypackaging.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The on-disk cache: project pages with their validators (revalidated on use), and core metadata
 * keyed by the wheel's sha256 (immutable). Every write goes to a temporary sibling and is renamed
 * into place, so a reader never sees half a file. A cache that cannot be written is skipped.
 */
final class DiskCache {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    DiskCache(Path root) {
        this.root = root;
    }


    /** A cached page body with the validators and content type it was served with. */
    record Page(String etag, String lastModified, String contentType, URI finalUrl, byte[] body) {}

    Optional<Page> page(URI url) {
        Path file = root.resolve("pages").resolve(key(url.toString()));
        try {
            byte[] all = Files.readAllBytes(file);
            int nl = indexOf(all, (byte) '\n');
            if (nl < 0) {
                return Optional.empty();
            }
            ObjectNode head = (ObjectNode) MAPPER.readTree(new String(all, 0, nl, StandardCharsets.UTF_8));
            byte[] body = java.util.Arrays.copyOfRange(all, nl + 1, all.length);
            return Optional.of(new Page(text(head, "etag"), text(head, "last-modified"), text(head, "content-type"),
                    URI.create(head.path("url").asText(url.toString())), body));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged entry is a miss; the next store replaces it
        }
    }

    void storePage(URI url, Page page) {
        ObjectNode head = MAPPER.createObjectNode();
        head.put("url", page.finalUrl().toString());
        if (page.etag() != null) {
            head.put("etag", page.etag());
        }
        if (page.lastModified() != null) {
            head.put("last-modified", page.lastModified());
        }
        if (page.contentType() != null) {
            head.put("content-type", page.contentType());
        }
        byte[] headBytes = (head.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + page.body().length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(page.body(), 0, all, headBytes.length, page.body().length);
        write(root.resolve("pages").resolve(key(url.toString())), all);
    }

    Optional<byte[]> metadata(String wheelSha256) {
        if (!SHA256.matcher(wheelSha256).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(metadataPath(wheelSha256)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void storeMetadata(String wheelSha256, byte[] metadata) {
        if (SHA256.matcher(wheelSha256).matches()) {
            write(metadataPath(wheelSha256), metadata);
        }
    }

    private Path metadataPath(String sha256) {
        return root.resolve("metadata").resolve(sha256.substring(0, 2)).resolve(sha256 + ".metadata");
    }

    private static void write(Path target, byte[] bytes) {
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the cache is an optimisation: a read-only or full disk must not fail the lookup
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String text(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** {@code $XDG_CACHE_HOME/smolsnake}, else {@code ~/.cache/smolsnake}. */
    static Path defaultDir(java.util.Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "smolsnake");
        }
        return home.resolve(".cache").resolve("smolsnake");
    }
}
