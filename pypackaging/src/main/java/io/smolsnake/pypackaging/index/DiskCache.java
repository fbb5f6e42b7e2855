package io.smolsnake.pypackaging.index;

import io.smolsnake.pypackaging.CacheFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The on-disk cache: project pages with their validators (revalidated on use), and core metadata
 * keyed by the wheel's sha256 (immutable). Every write goes to a temporary sibling and is renamed
 * into place, so a reader never sees half a file. A cache that cannot be written is skipped.
 */
final class DiskCache {
    /** The first line of a cached page: its format, so an entry from another version is a miss. */
    static final String PAGE_FORMAT = "smolsnake-page 1";

    private final Path root;

    DiskCache(Path root) {
        this.root = root;
    }


    /** A cached page body with the validators and content type it was served with. */
    record Page(String etag, String lastModified, String contentType, URI finalUrl, byte[] body) {}

    Optional<Page> page(URI url) {
        Path file = pagePath(url);
        try {
            return parsePage(Files.readAllBytes(file), url);
        } catch (IOException e) {
            return Optional.empty(); // missing or unreadable: a miss
        }
    }

    /**
     * A page entry is {@value #PAGE_FORMAT}, then one {@code name: value} line per validator, an
     * empty line, and the body as served; an entry in any other shape is a miss (the next store
     * replaces it).
     */
    static Optional<Page> parsePage(byte[] all, URI url) {
        String etag = null;
        String lastModified = null;
        String contentType = null;
        URI finalUrl = url;
        int pos = 0;
        for (int line = 0; ; line++) {
            int nl = indexOf(all, (byte) '\n', pos);
            if (nl < 0) {
                return Optional.empty();
            }
            String text = new String(all, pos, nl - pos, StandardCharsets.UTF_8);
            pos = nl + 1;
            if (line == 0) {
                if (!text.equals(PAGE_FORMAT)) {
                    return Optional.empty();
                }
                continue;
            }
            if (text.isEmpty()) {
                break;
            }
            int colon = text.indexOf(": ");
            if (colon < 0) {
                return Optional.empty();
            }
            String value = text.substring(colon + 2);
            switch (text.substring(0, colon)) {
                case "url" -> {
                    try {
                        finalUrl = new URI(value);
                    } catch (java.net.URISyntaxException e) {
                        return Optional.empty();
                    }
                }
                case "etag" -> etag = value;
                case "last-modified" -> lastModified = value;
                case "content-type" -> contentType = value;
                default -> { } // a field a later version writes: not needed to use the page
            }
        }
        return Optional.of(new Page(etag, lastModified, contentType, finalUrl,
                java.util.Arrays.copyOfRange(all, pos, all.length)));
    }

    void storePage(URI url, Page page) {
        StringBuilder head = new StringBuilder(PAGE_FORMAT).append('\n');
        field(head, "url", page.finalUrl().toString());
        field(head, "etag", page.etag());
        field(head, "last-modified", page.lastModified());
        field(head, "content-type", page.contentType());
        byte[] headBytes = head.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + page.body().length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(page.body(), 0, all, headBytes.length, page.body().length);
        CacheFiles.write(pagePath(url), all);
    }

    /** Adds {@code name: value}; a value with a line break (no server sends one) is left out. */
    private static void field(StringBuilder head, String name, String value) {
        if (value != null && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            head.append(name).append(": ").append(value).append('\n');
        }
    }

    Optional<byte[]> metadata(String wheelSha256) {
        if (!isSha256(wheelSha256)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(metadataPath(wheelSha256)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void storeMetadata(String wheelSha256, byte[] metadata) {
        if (isSha256(wheelSha256)) {
            CacheFiles.write(metadataPath(wheelSha256), metadata);
        }
    }

    private Path pagePath(URI url) {
        return root.resolve("pages").resolve(CacheFiles.key(url.toString()));
    }

    private Path metadataPath(String sha256) {
        return root.resolve("metadata").resolve(sha256.substring(0, 2)).resolve(sha256 + ".metadata");
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
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

    /** 64 lowercase hex digits (checked by hand: a regex compiled at class load costs a cold lock ~5 ms). */
    static boolean isSha256(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
