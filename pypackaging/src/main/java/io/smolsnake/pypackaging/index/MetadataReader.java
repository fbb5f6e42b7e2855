package io.smolsnake.pypackaging.index;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Core metadata without downloading wheels: the cache, then the PEP 658 file, then the wheel's
 * central directory (random access or HTTP ranges), and the whole wheel only when the server
 * ignores ranges.
 */
final class MetadataReader {
    private static final List<String> PREFERRED = List.of("sha256", "sha384", "sha512", "sha224", "sha1", "md5");

    private final Http http;
    private final DiskCache cache; // may be null

    MetadataReader(Http http, DiskCache cache) {
        this.http = http;
        this.cache = cache;
    }

    RawMetadata read(ProjectFile file) {
        String sha256 = file.sha256().orElse(null);
        if (cache != null && sha256 != null) {
            byte[] cached = cache.metadata(sha256).orElse(null);
            if (cached != null) {
                return new RawMetadata(file, cached, RawMetadata.Origin.CACHE);
            }
        }
        RawMetadata result = fetch(file);
        if (cache != null && sha256 != null) {
            cache.storeMetadata(sha256, result.bytes());
        }
        return result;
    }

    private RawMetadata fetch(ProjectFile file) {
        try {
            if (file.metadata().available()) {
                byte[] bytes = get(file.metadataUrl());
                if (bytes != null) {
                    verify(file.metadataUrl(), file.metadata().hashes(), bytes);
                    return new RawMetadata(file, bytes, RawMetadata.Origin.METADATA_FILE);
                }
            }
            if (file.kind() != FileKind.WHEEL) {
                throw new IndexException("no metadata for " + file.filename() + ": the index serves no "
                        + ".metadata file and an sdist's metadata needs a build");
            }
            if (Lookups.isFile(file.url())) {
                try (RangeReader reader = RangeReader.of(Path.of(file.url()))) {
                    return new RawMetadata(file, WheelZip.metadata(reader, file.filename()),
                            RawMetadata.Origin.WHEEL_RANGE);
                }
            }
            RangeReaders.Opened opened = RangeReaders.open(http, file.url());
            if (opened.wholeFile()) {
                verify(file.url(), file.hashes(), opened.wholeBody());
            }
            return new RawMetadata(file, WheelZip.metadata(opened.reader(), file.filename()),
                    opened.wholeFile() ? RawMetadata.Origin.WHOLE_WHEEL : RawMetadata.Origin.WHEEL_RANGE);
        } catch (IOException e) {
            throw new IndexException("cannot read metadata for " + file.filename() + " from " + file.url()
                    + ": " + Lookups.describe(e, file.url()), e);
        }
    }

    /** The body at {@code url}, or null when it does not exist. */
    private byte[] get(URI url) throws IOException {
        if (Lookups.isFile(url)) {
            try {
                return Files.readAllBytes(Path.of(url));
            } catch (NoSuchFileException e) {
                return null;
            }
        }
        Http.Response r = http.get(url, Map.of());
        if (r.status() == 404 || r.status() == 410) {
            return null;
        }
        if (r.status() != 200) {
            throw new IOException(Http.describe(r) + " for " + url);
        }
        return r.body();
    }

    /** Checks the strongest hash the index gave; none given passes. */
    static void verify(URI url, Map<String, String> hashes, byte[] bytes) {
        for (String algorithm : PREFERRED) {
            String expected = hashes.get(algorithm);
            if (expected != null) {
                String actual = digest(algorithm, bytes);
                if (!actual.equalsIgnoreCase(expected)) {
                    throw new HashMismatchException(url, algorithm, expected, actual);
                }
                return;
            }
        }
    }

    static String digest(String algorithm, byte[] bytes) {
        String jdkName = switch (algorithm) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            default -> "SHA-" + algorithm.substring(3);
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jdkName).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jdkName, e);
        }
    }
}
