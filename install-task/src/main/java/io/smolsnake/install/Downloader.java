package io.smolsnake.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fetches a locked wheel: {@code file:} URLs are used in place (the store verifies them),
 * {@code http(s):} and {@code s3:} ones are streamed into a download directory while their size and
 * sha256 are checked. Transient failures (I/O errors, HTTP 429 and 5xx, S3 throttling and server
 * errors, a transfer whose bytes differ from the lock) are retried with exponential backoff and
 * jitter; a missing file fails at once.
 *
 * <p>Nothing of the AWS SDK is loaded until an {@code s3:} URL is fetched (see {@link S3Objects}), and
 * the download directory is made only when something is downloaded: a lock of local files, what
 * {@code smolsnake install} usually reads, starts its first wheel sooner without them.
 */
final class Downloader {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    /** A wheel ready for the store; {@code temporary} files are deleted by the caller afterwards. */
    record Fetched(Path file, boolean temporary) {}

    /** How often and how patiently to retry. */
    record Backoff(int attempts, Duration first, Duration max) {
        static final Backoff DEFAULT = new Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(8));

        Duration delay(int attempt) {
            long base = Math.min(max.toMillis(), first.toMillis() << Math.min(attempt - 1, 20));
            return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
        }
    }

    private final Supplier<Path> directory;
    private final Supplier<S3Client> s3;
    private final Backoff backoff;

    Downloader(Path directory, Supplier<S3Client> s3, Backoff backoff) {
        this(() -> directory, s3, backoff);
    }

    /** A downloader into the directory {@code directory} supplies, asked for only when a download starts. */
    Downloader(Supplier<Path> directory, Supplier<S3Client> s3, Backoff backoff) {
        this.directory = directory;
        this.s3 = s3;
        this.backoff = backoff;
    }

    Fetched fetch(InstallRequest request) {
        URI uri;
        try {
            uri = new URI(request.url());
        } catch (URISyntaxException e) {
            throw new InstallException(InstallError.UNSUPPORTED, request.filename(), request.filename()
                    + ": the URL '" + request.url() + "' is not valid (" + e.getReason() + "); fix the lock", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> new Fetched(local(request, uri), false);
            case "http", "https", "s3" -> new Fetched(withRetries(request, uri, scheme), true);
            default -> throw new InstallException(InstallError.UNSUPPORTED, request.filename(), request.filename()
                    + ": cannot download '" + request.url() + "': the worker fetches https, http, file and s3 URLs",
                    null);
        };
    }

    private static Path local(InstallRequest request, URI uri) {
        Path file;
        try {
            file = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new InstallException(InstallError.UNSUPPORTED, request.filename(), request.filename()
                    + ": '" + request.url() + "' is not a local file URL", e);
        }
        if (!Files.isRegularFile(file)) {
            throw new InstallException(InstallError.DOWNLOAD, request.filename(), request.filename() + ": "
                    + file + " does not exist on this machine; the lock points at a file only its author has", null);
        }
        return file;
    }

    private Path withRetries(InstallRequest request, URI uri, String scheme) {
        String last = "";
        Path directory;
        try {
            directory = this.directory.get();
        } catch (UncheckedIOException e) {
            throw new InstallException(FilesFull.is(e) ? InstallError.NO_SPACE : InstallError.DOWNLOAD,
                    request.filename(), request.filename() + ": cannot create a download directory: "
                    + e.getCause().getMessage(), e);
        }
        for (int attempt = 1; ; attempt++) {
            // a directory of its own keeps the wheel's own name, which the installer's messages quote
            Path file = directory.resolve(UUID.randomUUID().toString()).resolve(safeName(request.filename()));
            try {
                Files.createDirectories(file.getParent());
                MessageDigest sha = sha256();
                long size;
                try (InputStream in = scheme.equals("s3") ? S3Objects.open(s3, uri) : http(uri);
                        OutputStream out = Files.newOutputStream(file)) {
                    size = copy(in, out, sha);
                }
                String actual = HexFormat.of().formatHex(sha.digest());
                if (actual.equals(request.sha256()) && (request.size() == null || request.size() == size)) {
                    return file;
                }
                deleteQuietly(file);
                if (attempt >= backoff.attempts()) {
                    throw hashMismatch(request, actual, size, attempt);
                }
                last = "got " + size + " bytes with sha256 " + actual;
            } catch (Permanent e) {
                deleteQuietly(file);
                throw new InstallException(InstallError.DOWNLOAD, request.filename(), request.filename()
                        + ": cannot download " + request.url() + ": " + e.getMessage()
                        + "; the file is gone from its index: re-lock", e.getCause());
            } catch (IOException | RuntimeException e) {
                if (e instanceof RuntimeException unexpected && !S3Objects.isSdkFailure(unexpected)) {
                    throw unexpected; // not a failed transfer (an S3 failure is one, as an IOException is)
                }
                deleteQuietly(file);
                if (FilesFull.is(e)) {
                    throw new InstallException(InstallError.NO_SPACE, request.filename(), request.filename()
                            + ": the download directory " + directory + " is full (" + e.getMessage()
                            + "); free space and retry", e);
                }
                last = String.valueOf(e.getMessage());
                if (attempt >= backoff.attempts()) {
                    throw new InstallException(InstallError.DOWNLOAD, request.filename(), request.filename()
                            + ": cannot download " + request.url() + " after " + attempt + " attempts: " + last
                            + "; check that the worker can reach it, then retry", e);
                }
            }
            sleep(backoff.delay(attempt), request);
        }
    }

    private InputStream http(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        connection.setInstanceFollowRedirects(true);
        connection.setRequestProperty("User-Agent", "smolsnake-install-task");
        int status = connection.getResponseCode();
        if (status == 200) {
            return connection.getInputStream();
        }
        connection.disconnect();
        if (status == 429 || status >= 500) {
            throw new IOException("HTTP " + status + " from " + uri.getHost());
        }
        throw new Permanent("HTTP " + status, null);
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest sha) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static InstallException hashMismatch(InstallRequest request, String actual, long size, int attempts) {
        String sizes = request.size() == null || request.size() == size ? ""
                : "\n  expected size: " + request.size() + " bytes\n  actual size:   " + size + " bytes";
        return new InstallException(InstallError.HASH_MISMATCH, request.filename(), request.filename()
                + ": the download differs from the lock (" + attempts + " attempts); nothing was installed"
                + "\n  package:  " + request.name() + " " + request.version()
                + "\n  expected: sha256=" + request.sha256()
                + "\n  actual:   sha256=" + actual + sizes
                + "\n  the index serves other bytes than were locked, or the lock is stale: re-lock", null);
    }

    private static void sleep(Duration delay, InstallRequest request) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallException(InstallError.DOWNLOAD, request.filename(), request.filename()
                    + ": the download was interrupted (the worker is stopping); retry", e);
        }
    }

    static String safeName(String filename) {
        String name = filename.replaceAll("[^A-Za-z0-9._+-]", "_");
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** Deletes a downloaded file and the directory made for it. */
    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            // a leftover download is harmless: the directory is temporary
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A failure that retrying cannot fix (404, no such key). */
    static final class Permanent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Permanent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether an I/O failure is a full file system. */
    static final class FilesFull {
        private FilesFull() {}

        static boolean is(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                String message = t.getMessage();
                if (message != null && message.contains("No space left on device")) {
                    return true;
                }
            }
            return false;
        }
    }
}
