package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.index.Http;
import io.smolsnake.pypackaging.index.ProjectFile;
import io.smolsnake.pypackaging.wheel.WheelSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The size and sha256 a lock records for a wheel, and its installed size where it is cheap to know:
 * from the index when it says, else from the file (a local file is read; a remote one is asked with
 * {@code HEAD} for its size and downloaded only when the index gave no hash).
 */
final class WheelFacts {
    /**
     * @param lockSize the size the lock records: only a size that belongs to the hashed bytes (the
     *     index's own, or of the bytes hashed here), else null — a file on disk that differs from
     *     what the index hashed must not put its size beside the index's hash
     * @param size the size to report in the summary
     */
    record Facts(Long lockSize, long size, String sha256, long installedSize) {}

    private final Http http = Http.withTimeout(Duration.ofSeconds(60));
    private final LocalFileFacts local;

    WheelFacts(LocalFileFacts local) {
        this.local = local;
    }

    Facts of(ProjectFile file) {
        URI url = file.url();
        if ("file".equals(url.getScheme())) {
            Path path = Path.of(url);
            try {
                long size = Files.size(path);
                if (file.sha256().isPresent()) {
                    return new Facts(file.size() >= 0 ? file.size() : null, size, file.sha256().get(),
                            local.installedSize(path));
                }
                return new Facts(size, size, local.sha256(path), local.installedSize(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        if (file.sha256().isPresent()) {
            if (file.size() >= 0) {
                return new Facts(file.size(), file.size(), file.sha256().get(), -1);
            }
            return new Facts(null, headSize(url), file.sha256().get(), -1);
        }
        return download(url);
    }

    private long headSize(URI url) {
        try (Http.Streamed r = http.open("HEAD", url, Map.of())) {
            if (r.status() / 100 == 2) {
                return r.header("Content-Length").map(Long::parseLong).orElseGet(() -> download(url).size());
            }
        } catch (IOException | NumberFormatException e) {
            // asked below, by downloading
        }
        return download(url).size();
    }

    private Facts download(URI url) {
        try (Http.Streamed r = http.open("GET", url, Map.of())) {
            if (r.status() / 100 != 2) {
                throw new IllegalStateException("downloading " + url + " to hash it failed: HTTP " + r.status());
            }
            MessageDigest md = sha();
            long size = 0;
            try (InputStream in = r.body()) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    size += n;
                }
            }
            return new Facts(size, size, HexFormat.of().formatHex(md.digest()), -1);
        } catch (IOException e) {
            throw new UncheckedIOException("downloading " + url + " to hash it failed: " + e.getMessage(), e);
        }
    }

    static String sha256(Path path) {
        MessageDigest md = sha();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The uncompressed sizes in the zip's central directory, added up; -1 when it cannot be read. */
    static long installedSize(Path wheel) {
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            long total = 0;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                long size = e.nextElement().getSize();
                if (size < 0) {
                    return -1;
                }
                total += size;
            }
            return total;
        } catch (IOException e) {
            return -1;
        }
    }

    /** OpenSSL's SHA-256 where the native library is loaded (a local torch wheel is 200 MB), else the JDK's. */
    private static MessageDigest sha() {
        return WheelSource.newSha256();
    }
}
